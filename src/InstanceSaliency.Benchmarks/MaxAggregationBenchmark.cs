using System.Diagnostics;
using InstanceSaliency.Models.Networks;
using InstanceSaliency.Saliency;
using InstanceSaliency.Saliency.Execution;
using InstanceSaliency.Saliency.Inputs;
using InstanceSaliency.Saliency.Methods;
using InstanceSaliency.Saliency.Targets;
using static TorchSharp.torch;

namespace InstanceSaliency.Benchmarks;

/// <summary>
/// The exact Jacobian rows of the max aggregation (issue 16): rows per second for a small (≈ 10 voxels), a medium
/// (≈ 250) and the largest lesion, on the exact crop (the path in use) beside the full-volume reference, and the share
/// of the cone limit: one row needs the forward and the input-gradient backward of the convolutions over its own
/// receptive-field cone, so the limit is an SGEMM's rate, measured in this process, over that work.
/// </summary>
public static class MaxAggregationBenchmark
{
    /// <summary>Rows timed on the per-row paths (forward once, then this many backward passes, extrapolated to |Ω|).</summary>
    const int TimedRows = 4;

    public static void Run(AttributionModel model, NetworkInput input, IReadOnlyList<InstanceTarget> targets, int seed, TextWriter output)
    {
        if (model.Model.Module is not MonaiUNet unet || model.ReceptiveFieldRadius is null || !unet.SupportsWindow)
        {
            output.WriteLine("  smoothgrad-max rows: the model is not a local U-Net with a windowed forward pass; every row takes the reference loop");
            return;
        }
        double sgemm = SgemmGflops();
        long coneMacs = ConeMultiplyAccumulates(unet, input);
        double coneGflop = 4.0 * coneMacs / 1e9; // forward + input-gradient backward, 2 FLOP per multiply-accumulate
        double limit = sgemm / coneGflop;
        output.WriteLine($"  smoothgrad-max rows: SGEMM {sgemm:F0} GFLOP/s (2048², {get_num_threads()} threads); one row's cone {coneGflop:F2} GFLOP (forward + backward to the " +
            $"input) → limit {limit:F0} rows/s");

        var picked = new List<(string Name, InstanceTarget Target)>
        {
            ("small", targets.MinBy(t => Math.Abs(t.VoxelCount - 10))!),
            ("medium", targets.MinBy(t => Math.Abs(t.VoxelCount - 250))!),
            ("largest", targets.MaxBy(t => t.VoxelCount)!),
        };
        var crop = new ExactCropStrategy();
        var options = new SmoothGradOptions { Samples = 1, Seed = seed };
        foreach (var (name, target) in picked)
        {
            var method = SmoothGrad.Of(Aggregation.Max, options, input);
            var region = crop.Region(model, method, input, target);
            var naive = FullVolumeSecondsPerRow(model, input, target);
            output.WriteLine($"    {name} lesion {target.Id} (|Ω| = {target.VoxelCount}, crop {region}):");
            output.WriteLine($"      full volume, row by row: {1 / naive:F1} rows/s (one forward pass and {Math.Min(TimedRows, target.VoxelCount)} rows, extrapolated to |Ω|)");
            // The path in use: the whole max aggregation of one sample on the exact crop, every row.
            var watch = Stopwatch.StartNew();
            crop.Run(model, method, input, target).Dispose();
            double rows = target.VoxelCount / watch.Elapsed.TotalSeconds;
            output.WriteLine($"      exact crop, one sample, all rows: {rows:F1} rows/s = {rows * coneGflop:F1} GFLOP/s, {100 * rows / limit:F0}% of the cone limit (issue 16: ≥ 20%); " +
                $"{rows * naive:F0}× the full volume");
        }
    }

    /// <summary>Seconds per row of the full-volume reference: one forward pass shared by the rows, one backward pass per row.</summary>
    static double FullVolumeSecondsPerRow(AttributionModel model, NetworkInput input, InstanceTarget target)
    {
        using var scope = NewDisposeScope();
        int rows = Math.Min(TimedRows, target.VoxelCount);
        var watch = Stopwatch.StartNew();
        var x = input.Padded.detach().requires_grad_(true);
        var (logits, covered) = model.InstanceLogits(x, input.Whole, target);
        var values = target.LesionLogits(logits, covered);
        double forward = watch.Elapsed.TotalSeconds;
        watch.Restart();
        for (int n = 0; n < rows; n++)
        {
            using var step = NewDisposeScope();
            autograd.grad([values[n]], [x], retain_graph: n + 1 < rows)[0].abs().max().item<float>();
        }
        return forward / target.VoxelCount + watch.Elapsed.TotalSeconds / rows;
    }

    // The convolutions of one interior output voxel's windowed forward pass.
    static long ConeMultiplyAccumulates(MonaiUNet unet, NetworkInput input)
    {
        var (d, h, w) = input.Grid;
        int[] size = [(int)d, (int)h, (int)w];
        var window = size.Select(n => new AxisRange(n / 2, n / 2 + 1)).ToArray();
        return unet.WindowMultiplyAccumulates(size, window);
    }

    static double SgemmGflops()
    {
        using var scope = NewDisposeScope();
        const int n = 2048;
        var a = randn(n, n);
        var b = randn(n, n);
        double seconds = BenchmarkTimer.MedianSeconds(5, () => { using var c = mm(a, b); c[0, 0].item<float>(); });
        return 2.0 * n * n * n / seconds / 1e9;
    }
}
