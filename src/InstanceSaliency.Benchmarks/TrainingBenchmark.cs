using System.Diagnostics;
using InstanceSaliency.Models.Runtime;
using InstanceSaliency.Models.Training;

namespace InstanceSaliency.Benchmarks;

/// <summary>Training throughput: patches per second over the timed steps, and the process's peak resident memory (VmHWM, bytes).</summary>
public sealed record TrainingBenchmarkResult(int Steps, int BatchSize, int PatchSizeVoxels, double SecondsPerStep, double PatchesPerSecond, long PeakResidentBytes);

/// <summary>
/// Measures training speed with the given options on real cases: warm-up steps (untimed), then the
/// timed ones (sampling, augmentation, forward, backward, AdamW; no validation, no
/// checkpoint in between; the last timed step includes writing the final model), in a temporary folder deleted afterwards. Peak memory is the whole process's high-water
/// mark (<see cref="Process.PeakWorkingSet64"/>), so it includes the loaded scans.
/// </summary>
public static class TrainingBenchmark
{
    public static TrainingBenchmarkResult Run(IReadOnlyList<TrainingCase> cases, TrainingOptions options, ComputeContext context, int steps = 20, int warmupSteps = 2)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(warmupSteps, 1);
        string folder = Path.Combine(Path.GetTempPath(), "ies-train-bench-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var data = new TrainingData(cases, []);
            var trainer = new Trainer(options with { Steps = warmupSteps + steps, ValidationIntervalSteps = 0, CheckpointIntervalSteps = warmupSteps + steps }, context);
            var clock = new Stopwatch();
            var progress = new StepClock(warmupSteps, clock);
            trainer.Run(data, folder, progress);
            double seconds = clock.Elapsed.TotalSeconds;
            using var self = Process.GetCurrentProcess();
            return new TrainingBenchmarkResult(steps, options.BatchSize, options.PatchSizeVoxels, seconds / steps, steps * options.BatchSize / seconds, self.PeakWorkingSet64);
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, true);
        }
    }

    // Starts the clock when the warm-up steps are done and stops it after the last step (before the final save).
    sealed class StepClock(int warmupSteps, Stopwatch clock) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value)
        {
            if (value.Step == warmupSteps) clock.Restart();
            if (value.Step == value.Steps) clock.Stop();
        }
    }
}
