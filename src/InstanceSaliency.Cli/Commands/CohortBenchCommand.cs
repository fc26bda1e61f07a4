using InstanceSaliency.Cli.Options;
using InstanceSaliency.Pipeline.Scans;
using InstanceSaliency.Benchmarks;
using System.CommandLine;
using InstanceSaliency.Pipeline.Cohorts;
using InstanceSaliency.Pipeline.Explanation;
using InstanceSaliency.Imaging;

namespace InstanceSaliency.Cli.Commands;

/// <summary>`ies bench cohort`: scans per hour and peak memory of one cohort worker with the default methods.</summary>
static class CohortBenchCommand
{
    public static Command Create(CliConsole console)
    {
        var flair = new Option<string?>("--flair") { Description = "FLAIR (default: the sample scan)." };
        var t1 = new Option<string?>("--t1") { Description = "T1 (default: the sample scan's)." };
        var truth = new Option<string?>("--truth") { Description = "Ground-truth mask (default: the sample scan's; FN lesions are explained too)." };
        var model = new Option<string?>("--model") { Description = "Model (default: the embedded model)." };
        var samples = new Option<int?>("--samples") { Description = "SmoothGrad (average) samples run (default: explain's N = 50); the report scales to the default." };
        var maxLesions = new Option<int>("--max-lesions") { Description = "smoothgrad-max is timed on this many smallest lesions and extrapolated to all.", DefaultValueFactory = _ => 3 };
        maxLesions.Require(v => v >= 1, "≥ 1");
        var samplesMax = new Option<int>("--samples-max") { Description = "smoothgrad-max samples timed (one backward pass per lesion voxel each); scaled to the " +
            "default.", DefaultValueFactory = _ => 1 };
        samplesMax.Require(v => v >= 1, "≥ 1");
        var threads = new Option<int?>("--threads") { Description = "LibTorch threads (default: one per core)." };
        var command = new Command("cohort", "One cohort task with the default methods on a real scan: scans per hour per worker and peak memory per worker.")
        { flair, t1, truth, model, samples, maxLesions, samplesMax, threads };
        command.SetAction(parsed =>
        {
            if (parsed.GetValue(samples) is < 1) throw new InvalidInputException($"--samples must be ≥ 1; got {parsed.GetValue(samples)}.");
            var sample = SampleScan.Embedded();
            bool given = parsed.GetValue(flair) is not null;
            var scan = new ScanPaths(parsed.GetValue(flair) ?? sample.Flair, parsed.GetValue(t1) ?? sample.T1, parsed.GetValue(truth) ?? (given ? null : sample.Mask));
            CohortBenchmark.Run(parsed.GetValue(model), scan, new CohortBenchmark.Settings(parsed.GetValue(samples), parsed.GetValue(maxLesions), parsed.GetValue(samplesMax),
                Threads: parsed.GetValue(threads)), console.Out);
            return CommandLineApp.Success;
        });
        return command;
    }
}
