using InstanceSaliency.Cli.Options;
using System.CommandLine;
using InstanceSaliency.Imaging;
using InstanceSaliency.Benchmarks;
using InstanceSaliency.Imaging.Nifti;
using InstanceSaliency.Models.Checkpoints;
using InstanceSaliency.Models.Runtime;

namespace InstanceSaliency.Cli.Commands;

/// <summary>
/// `ies bench ...`: speed and memory targets, each running the naive and optimised paths side by side in one
/// process and printing their ratio.
/// </summary>
static class BenchCommand
{
    public static Command Create(CliConsole console)
    {
        var command = new Command("bench", "Benchmarks: naive and optimised paths side by side, with ratios.");
        command.Subcommands.Add(Nifti(console));
        command.Subcommands.Add(Lesions(console));
        command.Subcommands.Add(Segment(console));
        command.Subcommands.Add(Resample(console));
        command.Subcommands.Add(Explain(console));
        command.Subcommands.Add(CohortBenchCommand.Create(console));
        return command;
    }

    static Command Explain(CliConsole console)
    {
        var flair = new Option<string?>("--flair") { Description = "FLAIR (default: the sample scan)." };
        var t1 = new Option<string?>("--t1") { Description = "T1 (default: the sample scan's)." };
        var model = new Option<string?>("--model") { Description = "Model (default: the embedded model)." };
        var samples = new Option<int>("--samples") { Description = "SmoothGrad samples N for the fast path over every lesion.", DefaultValueFactory = _ => 50 };
        samples.Require(v => v >= 1, "≥ 1");
        var naiveLesions = new Option<int>("--naive-lesions") { Description = "Lesions the naive path is timed on.", DefaultValueFactory = _ => 2 };
        naiveLesions.Require(v => v >= 1, "≥ 1");
        var naiveSamples = new Option<int>("--naive-samples") { Description = "Samples the naive path is timed on.", DefaultValueFactory = _ => 2 };
        naiveSamples.Require(v => v >= 1, "≥ 1");
        var truth = new Option<string?>("--truth") { Description = "Expert lesion mask: the max-aggregation rows section also picks its lesions (small, medium, largest)." };
        var rowsOnly = new Option<bool>("--rows-only") { Description = "Only the max aggregation's rows section." };
        var command = new Command("explain", "Saliency: naive (full volume) beside fast (exact crops), with ratios and map differences; the max aggregation's rows per second.")
        { flair, t1, model, samples, naiveLesions, naiveSamples, truth, rowsOnly };
        command.SetAction(parsed =>
        {
            var sample = SampleScan.Embedded();
            using var network = ModelLoader.Load(EmbeddedModel.Resolve(parsed.GetValue(model)), ComputeContext.Cpu);
            ExplainBenchmark.Run(network, parsed.GetValue(flair) ?? sample.Flair, parsed.GetValue(t1) ?? sample.T1,
                new ExplainBenchmark.Settings(parsed.GetValue(samples), parsed.GetValue(naiveLesions), parsed.GetValue(naiveSamples))
                {
                    Truth = parsed.GetValue(truth), RowsOnly = parsed.GetValue(rowsOnly),
                }, console.Out);
            return CommandLineApp.Success;
        });
        return command;
    }

    static Command Segment(CliConsole console)
    {
        var flair = new Option<string?>("--flair") { Description = "FLAIR to segment (default: the sample scan, 182×218×182)." };
        var t1 = new Option<string?>("--t1") { Description = "T1 (default: the sample scan's); another grid is resampled onto the FLAIR's as in `ies segment`." };
        var brainMask = CommonOptions.BrainMask();
        var repeats = Repeats();
        repeats.DefaultValueFactory = _ => 20;
        var windows = new Option<int>("--windows-per-batch") { Description = "Sliding windows per network call.", DefaultValueFactory = _ => 2 };
        windows.Require(v => v >= 1, "≥ 1");
        var command = new Command("segment",
            "Whole-scan inference with the paper-size U-Net (seeded weights): time, peak memory, growth over repeats, batched beside naive (targets ≤ 8 s, ≤ 3 GB, no growth).")
        { flair, t1, brainMask, repeats, windows };
        command.SetAction(parsed =>
        {
            var sample = SampleScan.Embedded();
            InferenceBenchmark.Run(parsed.GetValue(flair) ?? sample.Flair, parsed.GetValue(t1) ?? sample.T1, parsed.GetValue(repeats), console.Out,
                windowsPerBatch: parsed.GetValue(windows), brainMaskPath: parsed.GetValue(brainMask));
            return CommandLineApp.Success;
        });
        return command;
    }

    static Command Resample(CliConsole console)
    {
        var flair = new Option<string>("--flair") { Description = "A clinical FLAIR (e.g. MS3SEG's 256×256×20 at 0.9×0.9×6.5 mm).", Required = true };
        var repeats = Repeats();
        var command = new Command("resample",
            "A FLAIR onto its 1 mm working grid and back: optimised beside naive, ratios, largest difference (target ≤ 1 s).") { flair, repeats };
        command.SetAction(parsed =>
        {
            ResamplingBenchmark.Run(parsed.GetValue(flair)!, parsed.GetValue(repeats), console.Out);
            return CommandLineApp.Success;
        });
        return command;
    }

    static Command Lesions(CliConsole console)
    {
        var masks = new Option<string[]>("--mask") { Description = "Masks to label (default: the sample scan's expert mask and a synthetic patient-sized " +
            "mask).", AllowMultipleArgumentsPerToken = true };
        var repeats = Repeats();
        var command = new Command("lesions", "Connected-component labelling of 182×218×182 masks at 6/18/26-connectivity, union-find beside flood fill (target ≤ 150 ms).") { masks, repeats };
        command.SetAction(parsed =>
        {
            var paths = parsed.GetValue(masks) is { Length: > 0 } given ? given : [SampleScan.Embedded().Mask];
            foreach (string path in paths)
                LabellingBenchmark.Run(console.Out, NiftiFile.ReadMask(path), path, parsed.GetValue(repeats));
            if (parsed.GetValue(masks) is not { Length: > 0 })
                LabellingBenchmark.Run(console.Out);
            return CommandLineApp.Success;
        });
        return command;
    }

    static Command Nifti(CliConsole console)
    {
        var file = new Option<string?>("--file") { Description = "A float32 .nii.gz to read and write (default: the sample FLAIR, 182×218×182)." };
        var repeats = Repeats();
        var command = new Command("nifti", "Read and write a whole-brain float32 .nii.gz (targets: read ≤ 0.3 s, write ≤ 0.6 s).") { file, repeats };
        command.SetAction(parsed =>
        {
            NiftiBenchmark.Run(parsed.GetValue(file) ?? SampleScan.Embedded().Flair, parsed.GetValue(repeats), console.Out);
            return CommandLineApp.Success;
        });
        return command;
    }

    static Option<int> Repeats()
    {
        var option = new Option<int>("--repeats") { Description = "Timed runs per path (median reported).", DefaultValueFactory = _ => 5 };
        return option.Require(v => v >= 1, "≥ 1");
    }
}
