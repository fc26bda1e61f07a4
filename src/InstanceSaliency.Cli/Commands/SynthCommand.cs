using InstanceSaliency.Cli.Options;
using System.CommandLine;
using System.Globalization;
using InstanceSaliency.Pipeline.Experiments;
using InstanceSaliency.Pipeline.Experiments.Synthetic;
using InstanceSaliency.Reporting.Charts;
using InstanceSaliency.Imaging;
using InstanceSaliency.Imaging.Synthesis;
using InstanceSaliency.Saliency;

namespace InstanceSaliency.Cli.Commands;

/// <summary>
/// `ies synth --flair F --t1 T [--truth GT] [--model M] --out DIR [--radii …] [--flair-contrasts …] [--t1-contrasts …]
/// [--repeats n] …` (method.md §8): synthetic lesions over a grid of size × contrasts; detection rate, mean
/// probability and FLAIR share per cell, as tables and heat maps.
/// </summary>
static class SynthCommand
{
    public static Command Create(CliConsole console)
    {
        var inputs = new ScanInputOptions();
        var radii = new Option<string>("--radii")
        {
            Description = "Comma-separated lesion sizes (mm): a number is a sphere's radius, AxBxC an ellipsoid's semi-axes along i, j, k (e.g. 2,3x3x5).",
            DefaultValueFactory = _ => "2,3,5",
        };
        var flairContrasts = new Option<string>("--flair-contrasts") { Description = "Comma-separated FLAIR contrasts (local white-matter SDs brighter).", DefaultValueFactory = _ => "0,1,2,3,4" };
        var t1Contrasts = new Option<string>("--t1-contrasts") { Description = "Comma-separated T1 contrasts (local white-matter SDs darker).", DefaultValueFactory = _ => "0,1,2" };
        var repeats = new Option<int>("--repeats") { Description = "Placements per cell (the same placements for every cell).", DefaultValueFactory = _ => SynthOptions.DefaultRepeats };
        repeats.Require(v => v >= 1, "≥ 1");
        var edge = new Option<double>("--edge") { Description = "σ of the Gaussian edge (mm).", DefaultValueFactory = _ => SyntheticLesion.DefaultEdgeSigmaMm };
        edge.Require(v => double.IsFinite(v) && v >= 0, "a finite number of mm ≥ 0");
        var clearance = new Option<double>("--clearance") { Description = "Least distance (mm) from a synthetic lesion's surface to any existing " +
            "lesion.", DefaultValueFactory = _ => SynthOptions.DefaultClearanceMm };
        clearance.Require(v => double.IsFinite(v) && v >= 0, "a finite number of mm ≥ 0");
        var samples = new Option<int>("--samples") { Description = "SmoothGrad noise samples N for the FLAIR share.", DefaultValueFactory = _ => SynthOptions.DefaultSamples };
        samples.Require(v => v >= 1, "≥ 1");
        var noise = new Option<double>("--noise") { Description = "Noise σ as a fraction f of the normalised FLAIR range.", DefaultValueFactory = _ => SmoothGradOptions.DefaultNoiseFraction };
        noise.Require(v => double.IsFinite(v) && v >= 0, "a finite fraction ≥ 0");
        var command = new Command("synth", "Synthetic lesions in normal-appearing white matter over a grid of size × FLAIR contrast × T1 contrast: detection, probability, FLAIR share.");
        inputs.AddTo(command, lesionChoice: false);
        command.Options.Add(radii);
        command.Options.Add(flairContrasts);
        command.Options.Add(t1Contrasts);
        command.Options.Add(repeats);
        command.Options.Add(edge);
        command.Options.Add(clearance);
        command.Options.Add(samples);
        command.Options.Add(noise);
        command.SetAction(parsed =>
        {
            long seed = parsed.GetValue(inputs.Seed);
            var options = new SynthOptions
            {
                RadiiMm = Sizes(parsed.GetValue(radii)!),
                FlairContrastsSd = Numbers(parsed.GetValue(flairContrasts)!, "--flair-contrasts"),
                T1ContrastsSd = Numbers(parsed.GetValue(t1Contrasts)!, "--t1-contrasts"),
                Repeats = parsed.GetValue(repeats),
                EdgeSigmaMm = parsed.GetValue(edge),
                ClearanceMm = parsed.GetValue(clearance),
                SmoothGrad = new SmoothGradOptions { Samples = parsed.GetValue(samples), NoiseFractionOfFlairRange = parsed.GetValue(noise), Seed = seed },
                Seed = seed,
                Threshold = parsed.GetValue(inputs.Threshold),
            };
            options.Validate();
            var paths = inputs.Paths(parsed);
            string folder = inputs.PrepareOutput(parsed);
            var context = inputs.Context(parsed);
            using var model = inputs.LoadModel(parsed, context);
            var progress = new LineProgress(console.Error, "synth");
            var scan = ExperimentScan.Load(paths, model, context, options.Threshold, parsed.GetValue(inputs.MinimumSize), inputs.LesionConnectivity(parsed));
            foreach (string warning in scan.Warnings) progress.Warn(warning); // shown with the first progress line: a refusal stays one error line
            var result = new SynthExperiment(model, context, options).Run(scan, progress);
            SynthOutputs.Write(folder, result, options, ExperimentProvenance.Of(paths, model, seed, scan));
            var c = CultureInfo.InvariantCulture;
            foreach (var cell in result.Cells())
                console.Out.WriteLine(string.Create(c,
                    $"radius {cell.RadiiMm} mm, FLAIR +{cell.FlairContrastSd} SD, T1 -{cell.T1ContrastSd} SD: detection {cell.DetectionRate:F2}, mean p {cell.MeanProbability:F3}, FLAIR share " +
                        $"{cell.FlairShare:F3}"));
            console.Out.WriteLine($"wrote {Path.GetFullPath(folder)}");
            return CommandLineApp.Success;
        });
        return command;
    }

    static SynthRadii[] Sizes(string text) =>
        text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(part => SynthRadii.Parse(part)).ToArray();

    static double[] Numbers(string text, string option) =>
        text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(part => double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v)
                ? v : throw new InvalidInputException($"{option}: \"{part}\" is not a number."))
            .ToArray();
}
