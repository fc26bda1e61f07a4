using System.CommandLine;
using System.Globalization;
using InstanceSaliency.Cli.Options;
using InstanceSaliency.Imaging;
using InstanceSaliency.Models.Checkpoints;
using InstanceSaliency.Models.Runtime;
using InstanceSaliency.Models.Training;
using InstanceSaliency.Pipeline.FalsePositives;
using InstanceSaliency.Saliency.Catalog;

namespace InstanceSaliency.Cli.Commands;

/// <summary>
/// `ies train fp-filter --manifest TSV --model M --out M2 [--seed S] [--methods …]` (issue 17): fits a false-positive filter
/// (<see cref="FilterTraining"/>) and writes M2 = M's weights byte for byte + model.json with <c>fp_filter</c>.
/// </summary>
static class TrainFpFilterCommand
{
    public static Command Create(CliConsole console)
    {
        var model = new Option<string>("--model") { Description = "The package (.iesm) the filter is for; also the default predictions model of every manifest row.", Required = true };
        var manifest = new Option<string>("--manifest") { Description = "Training manifest (TSV: name, site, flair, t1, mask, split, optionally brain_mask and predictions_model, " +
            "the model whose predictions are used on that scan, one that never trained on it). Train rows give the lesions, validation rows choose the threshold.", Required = true };
        var output = new Option<string>("--out") { Description = "The package to write (.iesm): --model's weights byte for byte, model.json with fp_filter.", Required = true };
        var seed = new Option<long>("--seed") { Description = "Seed of the cross-validation folds and of the saliency noise.", DefaultValueFactory = _ => 0 };
        var methods = new Option<string>("--methods") { Description = "Saliency methods of the filter's features (comma-separated: smoothgrad, smoothgrad-max, gradcampp; " +
            "\"none\" for volume and probability alone).", DefaultValueFactory = _ => "smoothgrad" };
        var samples = new Option<int>("--samples") { Description = "SmoothGrad samples N of the features (1 with --noise 0: the plain gradient, the cheapest).", DefaultValueFactory = _ => 1 };
        samples.Require(v => v is >= 1 and <= 10_000, "between 1 and 10000");
        var noise = new Option<double>("--noise") { Description = "SmoothGrad noise fraction f of the FLAIR range (0: no noise).", DefaultValueFactory = _ => 0 };
        noise.Require(v => v >= 0 && double.IsFinite(v), "a finite fraction ≥ 0");
        var threads = new Option<int>("--threads") { Description = "CPU threads.", DefaultValueFactory = _ => 2 };
        threads.Require(v => v >= 1, "≥ 1");
        var command = new Command("fp-filter", "Fit a false-positive filter for a model from labelled scans and store it in a copy of the package.")
        {
            model, manifest, output, seed, methods, samples, noise, threads,
        };
        command.SetAction(parsed =>
        {
            string modelPath = parsed.GetValue(model)!, manifestPath = parsed.GetValue(manifest)!;
            if (!modelPath.EndsWith(ModelPackage.Extension, StringComparison.OrdinalIgnoreCase))
                throw new InvalidInputException($"--model {modelPath}: a filter is stored in a {ModelPackage.Extension} package; this is not one.");
            string outPath = Path.GetFullPath(parsed.GetValue(output)!);
            if (!outPath.EndsWith(ModelPackage.Extension, StringComparison.OrdinalIgnoreCase))
                throw new InvalidInputException($"--out {outPath}: the output must be a {ModelPackage.Extension} file.");
            string methodList = parsed.GetValue(methods)!;
            var saliency = new FilterSaliency
            {
                Methods = methodList == "none" ? [] : [.. methodList.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)],
                Samples = parsed.GetValue(samples), NoiseFraction = parsed.GetValue(noise), Seed = parsed.GetValue(seed),
            };
            foreach (string m in saliency.Methods) SaliencyMethods.Named(m);
            var entries = TrainingManifest.Read(manifestPath);
            if (!entries.Any(e => e.Split == "validation"))
                throw new InvalidInputException($"--manifest {manifestPath}: no validation row; the threshold is chosen on validation scans only.");
            var context = ComputeContext.For("cpu", parsed.GetValue(threads), parsed.GetValue(seed));
            string command = string.Create(CultureInfo.InvariantCulture, $"ies train fp-filter --manifest {Path.GetFileName(manifestPath)} --model {Path.GetFileName(modelPath)} " +
                $"--seed {saliency.Seed} --methods {methodList} --samples {saliency.Samples} --noise {saliency.NoiseFraction}");
            using var target = ModelLoader.Load(modelPath, context);
            var filterCheck = new FalsePositiveFilter { Features = [FilterFeatures.LogVolume], Means = [0], StandardDeviations = [0], Coefficients = [0], Saliency = saliency };
            FilterFeatures.Check(target, filterCheck, modelPath);

            var scans = new FilterScan[entries.Count];
            // Each predictions model is loaded once; rows keep their manifest order.
            foreach (var group in entries.Select((e, n) => (Entry: e, Index: n)).GroupBy(x => x.Entry.PredictionsModelPath ?? Path.GetFullPath(modelPath)))
            {
                using var predictor = ModelLoader.Load(group.Key, context);
                foreach (var (entry, index) in group)
                {
                    var warnings = new List<string>();
                    var scan = TrainingManifest.LoadNative([entry], warnings)[0];
                    console.Warn(warnings);
                    console.Error.WriteLine($"fp-filter: {entry.Name} ({entry.Split}): segmenting with {Path.GetFileName(group.Key)} and computing the features");
                    scans[index] = FilterTraining.Prepare(predictor, context, saliency, scan, entry.Split);
                }
            }
            var result = FilterTraining.Fit(scans, saliency, saliency.Seed, command);
            Print(console, result, scans);
            ModelPackage.Rewrite(modelPath, target.Description with { FpFilter = result.Filter }, outPath);
            console.Error.WriteLine($"fp-filter: wrote {outPath}");
            return CommandLineApp.Success;
        });
        return command;
    }

    static void Print(CliConsole console, FilterTrainingResult result, IReadOnlyList<FilterScan> scans)
    {
        var c = CultureInfo.InvariantCulture;
        int vTp = scans.Where(s => s.Split == "validation").Sum(s => s.Types.Count(t => t == Lesions.LesionType.TruePositive));
        int vFp = scans.Where(s => s.Split == "validation").Sum(s => s.Types.Count(t => t == Lesions.LesionType.FalsePositive));
        console.Out.WriteLine(string.Create(c, $"lesions: train {result.TruePositives} TP, {result.FalsePositives} FP ({scans.Count(s => s.Split == "train")} scan(s)); " +
            $"validation {vTp} TP, {vFp} FP ({scans.Count(s => s.Split == "validation")} scan(s))"));
        console.Out.WriteLine($"threshold rule: {FilterTraining.ThresholdRule}");
        console.Out.WriteLine("features\tcount\tcv_auc\tthreshold\tf1_before\tf1_after\tppv_before\tppv_after\ttpr_before\ttpr_after");
        foreach (var s in result.Sets)
            console.Out.WriteLine(string.Create(c, $"{s.Name}\t{s.Features.Count}\t{s.CrossValidatedAuc:F4}\t{s.Threshold:G6}\t{s.Before.F1:F4}\t{s.After.F1:F4}\t" +
                $"{s.Before.Ppv:F4}\t{s.After.Ppv:F4}\t{s.Before.Tpr:F4}\t{s.After.Tpr:F4}"));
        console.Out.WriteLine("stored: the filter with all features (the first row)");
    }
}
