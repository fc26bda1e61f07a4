using System.Diagnostics;
using InstanceSaliency.Imaging.Nifti;
using InstanceSaliency.Lesions;
using InstanceSaliency.Models.Checkpoints;
using InstanceSaliency.Models.Runtime;
using InstanceSaliency.Models.Segmentation;
using InstanceSaliency.Saliency;
using InstanceSaliency.Saliency.Execution;
using InstanceSaliency.Saliency.Inputs;
using InstanceSaliency.Saliency.Methods;
using InstanceSaliency.Saliency.Targets;
using static TorchSharp.torch;

namespace InstanceSaliency.Benchmarks;

/// <summary>
/// `ies bench explain`: the naive (full-volume) and fast (exact-crop) strategies side by side on one real scan,
/// in one process, with their ratios and the relative L2 difference of their maps (issue 6 targets: SmoothGrad
/// average N = 50 over every lesion ≥ 10× faster, max aggregation ≥ 10× faster per lesion voxel and sample,
/// Grad-CAM++ ≤ 0.5 s per lesion). The naive path is timed on a subset (lesions × samples) and extrapolated;
/// the output says so.
/// </summary>
public static class ExplainBenchmark
{
    public sealed record Settings(int Samples = 50, int NaiveLesions = 2, int NaiveSamples = 2, int MaxVoxels = 4, int Seed = 0)
    {
        /// <summary>Only the rows section of the max aggregation.</summary>
        public bool RowsOnly { get; init; }

        /// <summary>A lesion mask whose lesions the rows section also picks from (e.g. the expert mask).</summary>
        public string? Truth { get; init; }
    }

    public static void Run(SegmentationModel model, string flairPath, string t1Path, Settings settings, TextWriter output)
    {
        var context = ComputeContext.Cpu;
        var flair = NiftiFile.ReadVolume(flairPath);
        var t1 = NiftiFile.ReadVolume(t1Path);
        var watch = Stopwatch.StartNew();
        var segmentation = new Segmenter(model, context).Run(flair, t1, null, null, flairPath, t1Path);
        var lesions = LesionExtraction.Extract(segmentation.Mask, LesionInstanceOptions.ForExplanation).Lesions;
        output.WriteLine($"explain benchmark on {flairPath}: model {model.Source}; segmentation {watch.Elapsed.TotalSeconds:F1} s; {lesions.Count} lesions ≥ 6 voxels " +
            $"({lesions.Sum(l => l.VoxelCount)} voxels)");
        if (lesions.Count == 0) { output.WriteLine("  no lesion to explain"); return; }

        var attribution = new AttributionModel(model);
        using var input = NetworkInput.From(flair, t1, model.SizeMultiple, context.Device);
        var grid = input.Grid;
        var targets = lesions.Select(l => input.Target(l.Id, l.VoxelIndices)).ToList();
        output.WriteLine($"  padded grid {grid}, receptive-field radius {attribution.ReceptiveFieldRadius?.ToString() ?? "unknown (non-local network)"} voxels");
        var rowTargets = targets;
        if (settings.Truth is not null)
        {
            var truth = LesionExtraction.Extract(NiftiFile.ReadMask(settings.Truth), LesionInstanceOptions.ForExplanation).Lesions;
            rowTargets = [.. targets, .. truth.Select(l => input.Target(1000 + l.Id, l.VoxelIndices))];
            output.WriteLine($"  rows section: also the {truth.Count} lesions of {settings.Truth} (ids + 1000)");
        }
        MaxAggregationBenchmark.Run(attribution, input, rowTargets, settings.Seed, output);
        if (settings.RowsOnly) return;
        ExecutionStrategy naive = new FullVolumeStrategy(), fast = new ExactCropStrategy();

        // SmoothGrad, average aggregation. The naive reference of issue 6 runs one full-volume forward pass per
        // noise sample and one backward pass per lesion from it; it is timed on a subset and extrapolated as
        // N · (forward + L · backward).
        var subset = targets.Take(settings.NaiveLesions).ToList();
        var (forward, backward) = PassCosts(input.Padded, settings.NaiveSamples, subset.Count, x =>
        {
            var logits = attribution.Network.call(x);
            return stack(subset.Select(t => t.Score(logits, input.Whole)).ToArray());
        });
        double naiveAll = settings.Samples * (forward + targets.Count * backward);
        var sample = SmoothGrad.Of(Aggregation.Average, new SmoothGradOptions { Samples = settings.NaiveSamples, Seed = settings.Seed }, input);
        var naiveMaps = subset.Select(t => Keep(naive.Run(attribution, sample, input, t))).ToList();
        var fastMaps = subset.Select(t => Keep(fast.Run(attribution, sample, input, t))).ToList();
        double error = naiveMaps.Zip(fastMaps).Max(p => RelativeL2(p.First, p.Second));
        DisposeAll(naiveMaps); DisposeAll(fastMaps);
        var full = SmoothGrad.Of(Aggregation.Average, new SmoothGradOptions { Samples = settings.Samples, Seed = settings.Seed }, input);
        var (fastAll, _) = Time(() => { foreach (var t in targets) fast.Run(attribution, full, input, t).Dispose(); return 0; });
        output.WriteLine($"  smoothgrad (average), N = {settings.Samples}, all {targets.Count} lesions: fast {fastAll:F1} s; naive {naiveAll:F1} s " +
                         $"(extrapolated: full-volume forward {forward:F2} s per sample + backward {backward:F2} s per lesion, measured on {subset.Count} lesions × {settings.NaiveSamples} " +
                             $"samples); " +
                         $"ratio {naiveAll / fastAll:F1}× (target ≥ 10×); fast vs naive maps on that subset: max relative L2 {error:E1} (target ≤ 1e-5)");

        // SmoothGrad, max aggregation: one forward pass per sample, one backward pass per lesion voxel, on the
        // whole volume (naive) or the exact crop (fast); per voxel and sample = forward / |Ω| + backward.
        var lesion = targets.OrderBy(t => t.VoxelCount).First();
        var voxels = new InstanceTarget(lesion.Id, Enumerable.Range(0, Math.Min(settings.MaxVoxels, lesion.VoxelCount)).Select(lesion.Voxel).ToList());
        var maxOne = SmoothGrad.Of(Aggregation.Max, new SmoothGradOptions { Samples = 1, Seed = settings.Seed }, input);
        var naiveMaxMap = Keep(naive.Run(attribution, maxOne, input, voxels));
        var fastMaxMap = Keep(fast.Run(attribution, maxOne, input, voxels));
        double maxError = RelativeL2(fastMaxMap, naiveMaxMap);
        naiveMaxMap.Dispose(); fastMaxMap.Dispose();
        var cropRegion = fast.Region(attribution, maxOne, input, lesion);
        int timedVoxels = Math.Min(settings.MaxVoxels, lesion.VoxelCount);
        var crop = input.Padded[.., .., TensorIndex.Slice(cropRegion.I0, cropRegion.I0 + cropRegion.SizeI),
            TensorIndex.Slice(cropRegion.J0, cropRegion.J0 + cropRegion.SizeJ), TensorIndex.Slice(cropRegion.K0, cropRegion.K0 + cropRegion.SizeK)];
        // Naive: the network on the whole volume; fast: the strategy's evaluation on the crop (windowed forward pass for Ω).
        var windowed = attribution.WithWindowedForward();
        var (naiveF, naiveB) = PassCosts(input.Padded, 2, timedVoxels,
            x => lesion.LesionLogits(attribution.Network.call(x), input.Whole));
        var (fastF, fastB) = PassCosts(crop, 2, timedVoxels,
            x => { var (logits, covered) = windowed.InstanceLogits(x, cropRegion, lesion); return lesion.LesionLogits(logits, covered); });
        crop.Dispose();
        double naivePerVoxel = naiveF / lesion.VoxelCount + naiveB, fastPerVoxel = fastF / lesion.VoxelCount + fastB;
        output.WriteLine($"  smoothgrad-max, per lesion voxel and sample (lesion {lesion.Id}, |Ω| = {lesion.VoxelCount}, crop {cropRegion}): " +
                         $"fast {fastPerVoxel:F3} s (forward {fastF:F2} s, backward {fastB:F3} s), naive {naivePerVoxel:F3} s (forward {naiveF:F2} s, backward {naiveB:F3} s); " +
                         $"ratio {naivePerVoxel / fastPerVoxel:F1}× (target ≥ 10×); relative L2 on {voxels.VoxelCount} voxels {maxError:E1}");

        // Grad-CAM++ per lesion.
        var cam = new GradCamPlusPlus(model.Description.CamLayer);
        var (camAll, _) = Time(() => { foreach (var t in targets) fast.Run(attribution, cam, input, t).Dispose(); return 0; });
        output.WriteLine($"  gradcampp: {camAll / targets.Count:F3} s per lesion (target ≤ 0.5 s)");
        // Sampling error of a reduced sample count (the default before issue 16): its map against N = 50, beside two
        // independent N = 50 maps (seeds differ), on the smallest lesion.
        const int fewer = 10;
        Tensor MaxMap(int samples, int seed) => Keep(fast.Run(attribution,
            SmoothGrad.Of(Aggregation.Max, new SmoothGradOptions { Samples = samples, Seed = seed }, input), input, lesion));
        using (var few = MaxMap(fewer, settings.Seed + 1))
        using (var many = MaxMap(50, settings.Seed))
        using (var other = MaxMap(50, settings.Seed + 2))
            output.WriteLine($"  smoothgrad-max sampling error on lesion {lesion.Id}: N = {fewer} against N = 50 relative L2 {RelativeL2(few, many):F3}; " +
                             $"two independent N = 50 maps {RelativeL2(other, many):F3}");
        output.WriteLine($"  peak working set {BenchmarkTimer.PeakWorkingSetMiB():F0} MiB");
    }

    /// <summary>
    /// Median time of one forward pass with autograd on <paramref name="x0"/> (<paramref name="forward"/> maps the
    /// input to a vector of outputs), and of one backward pass of a single output (the first
    /// <paramref name="outputs"/> of them) reusing that forward pass.
    /// </summary>
    static (double Forward, double Backward) PassCosts(Tensor x0, int repeats, int outputs, Func<Tensor, Tensor> forward)
    {
        var forwards = new List<double>();
        var backwards = new List<double>();
        for (int repeat = 0; repeat < repeats; repeat++)
        {
            using var scope = NewDisposeScope();
            var watch = Stopwatch.StartNew();
            var x = x0.detach().requires_grad_(true);
            var values = forward(x);
            forwards.Add(watch.Elapsed.TotalSeconds);
            for (int o = 0; o < outputs; o++)
            {
                using var step = NewDisposeScope();
                watch.Restart();
                autograd.grad([values[o]], [x], retain_graph: o + 1 < outputs)[0].sum().item<float>();
                backwards.Add(watch.Elapsed.TotalSeconds);
            }
        }
        return (BenchmarkTimer.Median(forwards), BenchmarkTimer.Median(backwards));
    }

    static (double Seconds, T Result) Time<T>(Func<T> action)
    {
        var watch = Stopwatch.StartNew();
        var result = action();
        return (watch.Elapsed.TotalSeconds, result);
    }

    static Tensor Keep(Tensor map) => map.DetachFromDisposeScope();

    static void DisposeAll(IEnumerable<Tensor> tensors)
    {
        foreach (var t in tensors) t.Dispose();
    }

    static double RelativeL2(Tensor a, Tensor b)
    {
        using var scope = NewDisposeScope();
        return (a.to(ScalarType.Float64) - b.to(ScalarType.Float64)).norm().item<double>() / Math.Max(b.to(ScalarType.Float64).norm().item<double>(), 1e-300);
    }
}
