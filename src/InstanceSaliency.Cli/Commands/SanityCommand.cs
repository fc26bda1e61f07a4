using InstanceSaliency.Cli.Options;
using System.CommandLine;
using System.Globalization;
using InstanceSaliency.Pipeline.Experiments;
using InstanceSaliency.Pipeline.Experiments.Sanity;
using InstanceSaliency.Analysis.Statistics;
using InstanceSaliency.Saliency;

namespace InstanceSaliency.Cli.Commands;

/// <summary>
/// `ies sanity --flair F --t1 T [--truth GT] [--model M] --out DIR [--methods …] [--samples N] [--max-layers L] …`
/// (method.md §8): cascading model randomisation and the rank correlation of each lesion's map with the trained one.
/// </summary>
static class SanityCommand
{
    public static Command Create(CliConsole console)
    {
        var inputs = new ScanInputOptions();
        var methods = new Option<string>("--methods") { Description = "Comma-separated: smoothgrad, gradcampp.", DefaultValueFactory = _ => "smoothgrad,gradcampp" };
        var samples = new Option<int>("--samples") { Description = "SmoothGrad noise samples N per map.", DefaultValueFactory = _ => SanityOptions.DefaultSamples };
        samples.Require(v => v >= 1, "≥ 1");
        var noise = new Option<double>("--noise") { Description = "Noise σ as a fraction f of the normalised FLAIR range.", DefaultValueFactory = _ => SmoothGradOptions.DefaultNoiseFraction };
        noise.Require(v => double.IsFinite(v) && v >= 0, "a finite fraction ≥ 0");
        var near = new Option<double>("--near") { Description = "Also correlate over the voxels within this distance of the lesion " +
            "(mm).", DefaultValueFactory = _ => SanityOptions.DefaultNearRadiusMm };
        near.Require(v => double.IsFinite(v) && v >= 0, "a finite number of mm ≥ 0");
        var maxLayers = new Option<int?>("--max-layers") { Description = "Randomise at most this many blocks (from the output side); default: all." };
        var command = new Command("sanity", "Sanity check: cascading randomisation of the network's layers and the rank correlation of the maps with the trained model's.");
        inputs.AddTo(command);
        command.Options.Add(methods);
        command.Options.Add(samples);
        command.Options.Add(noise);
        command.Options.Add(near);
        command.Options.Add(maxLayers);
        command.SetAction(parsed =>
        {
            long seed = parsed.GetValue(inputs.Seed);
            var options = new SanityOptions
            {
                Methods = parsed.GetValue(methods)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                SmoothGrad = new SmoothGradOptions { Samples = parsed.GetValue(samples), NoiseFractionOfFlairRange = parsed.GetValue(noise), Seed = seed },
                Seed = seed,
                MaximumLayers = parsed.GetValue(maxLayers),
                NearRadiusMm = parsed.GetValue(near),
                Threshold = parsed.GetValue(inputs.Threshold),
                MinimumLesionVoxels = parsed.GetValue(inputs.MinimumSize),
                LesionIds = inputs.LesionIds(parsed),
                MaximumLesions = parsed.GetValue(inputs.MaximumLesions),
            };
            options.Validate();
            var paths = inputs.Paths(parsed);
            string folder = inputs.PrepareOutput(parsed);
            var context = inputs.Context(parsed);
            using var model = inputs.LoadModel(parsed, context);
            var progress = new LineProgress(console.Error, "sanity");
            var scan = ExperimentScan.Load(paths, model, context, options.Threshold, options.MinimumLesionVoxels, inputs.LesionConnectivity(parsed));
            var provenance = ExperimentProvenance.Of(paths, model, seed, scan); // before the run randomises the model's layers
            foreach (string warning in scan.Warnings) progress.Warn(warning); // shown with the first progress line: a refusal stays one error line
            var result = new SanityExperiment(model, context, options).Run(scan, progress);
            SanityOutputs.Write(folder, result, options, provenance);
            var c = CultureInfo.InvariantCulture;
            for (int step = 0; step <= result.Layers.Count; step++)
                console.Out.WriteLine(string.Create(c, $"step {step} ({(step == 0 ? "trained" : result.Layers[step - 1])}): ")
                    + string.Join("; ", result.Methods.Select(m => { var s = result.Summary(step, m); var n = result.Summary(step, m, near: true); return string.Create(c, $"{m} median rho " +
                        $"{s.Median:F3} (mean {s.Mean:F3}, n {s.Count}), near the lesion {n.Median:F3}"); })));
            console.Out.WriteLine($"wrote {Path.GetFullPath(folder)}");
            return CommandLineApp.Success;
        });
        return command;
    }
}
