using System.CommandLine;
using System.Globalization;
using InstanceSaliency.Analysis.Explanation;
using InstanceSaliency.Lesions;
using InstanceSaliency.Models.Checkpoints;
using InstanceSaliency.Models.Runtime;
using InstanceSaliency.Saliency;
using InstanceSaliency.Saliency.Methods;

namespace InstanceSaliency.Cli.Commands;

/// <summary>
/// `ies explain --flair F --t1 T [--truth GT] [--model M] --out DIR [--methods …] [--samples N] [--noise f]
/// [--seed S] [--min-size K] [--lesions ID,…] [--cam-weights local|global] [--strategy naive|fast]`
/// (cli-contract.md): segments, finds the instances, explains each, writes maps, lesions.tsv and run.json.
/// </summary>
static class ExplainCommand
{
    public static Command Create(CliConsole console)
    {
        var flair = new Option<string>("--flair") { Description = "FLAIR image (.nii/.nii.gz), skull-stripped.", Required = true };
        var t1 = new Option<string>("--t1") { Description = "T1 image on the FLAIR's grid.", Required = true };
        var truth = new Option<string?>("--truth") { Description = "Ground-truth mask: types lesions TP/FP and explains missed (FN) ones too." };
        var model = new Option<string?>("--model") { Description = "Model file (default: the embedded model)." };
        var output = new Option<string>("--out") { Description = "Output folder.", Required = true };
        var methods = new Option<string>("--methods") { Description = "Comma-separated: smoothgrad, smoothgrad-max, gradcampp.", DefaultValueFactory = _ => string.Join(',', SaliencyMethodNames.All) };
        var samples = new Option<int>("--samples") { Description = "SmoothGrad noise samples N.", DefaultValueFactory = _ => SmoothGradOptions.DefaultSamples };
        samples.Require(v => v >= 1, "≥ 1");
        var samplesMax = new Option<int?>("--samples-max") { Description = "Noise samples for smoothgrad-max (one backward pass per lesion voxel per sample); default: the smaller of --samples and 10." };
        var noise = new Option<double>("--noise") { Description = "Noise σ as a fraction f of the normalised FLAIR range.", DefaultValueFactory = _ => SmoothGradOptions.DefaultNoiseFraction };
        noise.Require(v => double.IsFinite(v) && v >= 0, "a finite fraction ≥ 0");
        var seed = new Option<long>("--seed") { Description = "Seed of every random choice (same inputs and seed give the same bytes).", DefaultValueFactory = _ => 0 };
        var minSize = new Option<int>("--min-size") { Description = "Smallest lesion explained, in voxels.", DefaultValueFactory = _ => 6 };
        minSize.Require(v => v >= 1, "≥ 1");
        var lesions = new Option<string?>("--lesions") { Description = "Only these lesion ids, comma-separated." };
        var camWeights = new Option<string>("--cam-weights") { Description = "Grad-CAM++ weights: local (instance, paper eq. 10) or global (classic).", DefaultValueFactory = _ => "local" };
        camWeights.OneOf("local", "global");
        var camLayer = new Option<string?>("--cam-layer") { Description = "Layer Grad-CAM++ captures (default: the model's cam_layer)." };
        var strategy = new Option<string>("--strategy") { Description = "fast (exact crops) or naive (full volume, the reference).", DefaultValueFactory = _ => "fast" };
        strategy.OneOf("fast", "naive");
        var threshold = new Option<double?>("--threshold") { Description = "Lesion threshold τ (default: the model's)." };
        var device = new Option<string>("--device") { Description = "cpu or cuda.", DefaultValueFactory = _ => "cpu" };
        var command = new Command("explain", "Segment a scan and explain every lesion with instance-level saliency maps and features.")
        {
            flair, t1, truth, model, output, methods, samples, samplesMax, noise, seed, minSize, lesions, camWeights, camLayer, strategy, threshold, device,
        };
        command.SetAction(parsed =>
        {
            var options = new ExplainOptions
            {
                Methods = parsed.GetValue(methods)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                SmoothGrad = new SmoothGradOptions { Samples = parsed.GetValue(samples), NoiseFractionOfFlairRange = parsed.GetValue(noise), Seed = parsed.GetValue(seed) },
                MaxAggregationSamples = parsed.GetValue(samplesMax),
                MinimumLesionVoxels = parsed.GetValue(minSize),
                LesionIds = LesionIdList.Parse(parsed.GetValue(lesions), "--lesions"),
                CamWeighting = parsed.GetValue(camWeights) == "global" ? CamWeighting.Global : CamWeighting.Local,
                CamLayer = parsed.GetValue(camLayer),
                Strategy = parsed.GetValue(strategy)!,
                Threshold = parsed.GetValue(threshold),
            };
            options.Validate();
            var scan = new ExplainRun.Scan(parsed.GetValue(flair)!, parsed.GetValue(t1)!, parsed.GetValue(truth));
            string folder = parsed.GetValue(output)!;
            var context = ComputeContext.For(parsed.GetValue(device)!, seed: parsed.GetValue(seed));
            using var network = ModelLoader.Load(EmbeddedModel.Resolve(parsed.GetValue(model)), context);
            var result = new ExplainRun(network, context, options).Run(scan, folder, new ExplainProgressPrinter(console.Error, "explain"));
            RunRecord.Write(Path.Combine(folder, "run.json"), scan, network, options, parsed.GetValue(device)!, result);
            console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"explained {result.Rows.Count} lesion(s) ({result.Lesions.Count} predicted, {result.Lesions.Missed.Count} missed) in {result.TimingsSeconds.Values.Sum():F1} s; wrote {Path.GetFullPath(folder)}"));
            return CommandLineApp.Success;
        });
        return command;
    }
}
