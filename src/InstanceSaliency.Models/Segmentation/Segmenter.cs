using InstanceSaliency.Imaging;
using InstanceSaliency.Imaging.Volumes;
using InstanceSaliency.Models.Checkpoints;
using InstanceSaliency.Models.Inference;
using InstanceSaliency.Models.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace InstanceSaliency.Models.Segmentation;

/// <summary>
/// The segmentation use case (method.md §1 and §3): checks FLAIR and T1 (same grid within 1e-3 mm, finite
/// voxels, neither channel all zero), normalises each channel over its non-zero voxels, pads to multiples of
/// 16 (symmetric), runs the Gaussian-weighted sliding window, takes p = softmax(z)[1], crops the padding and
/// thresholds. Volumes map to the network as [1, channel, i, j, k] (<see cref="NetworkLayout"/>).
/// A model with <c>spacing_mm</c> on a scan of another voxel size or axis convention works on its working grid
/// (<see cref="ModelWorkingGrid"/>): FLAIR and T1 are reoriented and resampled there (trilinear, anti-aliased),
/// segmented, and p is resampled back onto the FLAIR's grid (trilinear) before thresholding, so the mask lies
/// on the FLAIR's grid; <see cref="SegmentationResult.Working"/> keeps what the network saw.
/// </summary>
public sealed class Segmenter(SegmentationModel model, ComputeContext context)
{
    /// <summary>Segments one scan. <paramref name="flairName"/> and <paramref name="t1Name"/> (e.g. the file paths) name the inputs in errors.</summary>
    public SegmentationResult Run(Volume<float> flair, Volume<float> t1, SegmentationOptions? options = null,
        IProgress<SegmentationProgress>? progress = null, string flairName = "FLAIR", string t1Name = "T1")
    {
        ArgumentNullException.ThrowIfNull(flair);
        ArgumentNullException.ThrowIfNull(t1);
        options ??= new SegmentationOptions();
        flair.RequireSameGrid(t1, flairName, t1Name);
        RequireUsable(flair, flairName, "FLAIR");
        RequireUsable(t1, t1Name, "T1");
        if (model.Description.InChannels != 2)
            throw new InvalidInputException($"{model.Source}: the model takes {model.Description.InChannels} channels; segmentation feeds 2 (FLAIR, T1).");
        context.Apply();
        double threshold = options.Threshold ?? model.Description.Threshold;
        var workingGrid = ModelWorkingGrid.For(model.Description, flair.Geometry, flairName);

        progress?.Report(new SegmentationProgress("preprocessing", 0, 1));
        if (workingGrid is { } grid)
            return RunOnWorkingGrid(grid, flair, t1, threshold, options, progress, flairName, t1Name);
        var (probability, windows) = Probability(flair, t1, options, progress);
        return new SegmentationResult(flair.WithVoxels(probability), flair.WithVoxels(Threshold(probability, threshold)), threshold, windows);
    }

    SegmentationResult RunOnWorkingGrid(Imaging.Resampling.WorkingGrid grid, Volume<float> flair, Volume<float> t1, double threshold,
        SegmentationOptions options, IProgress<SegmentationProgress>? progress, string flairName, string t1Name)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var flairWorking = grid.ToWorking(flair, flairName);
        var t1Working = grid.ToWorking(t1, t1Name);
        double toWorking = clock.Elapsed.TotalSeconds;
        var (probabilityWorking, windows) = Probability(flairWorking, t1Working, options, progress);
        clock.Restart();
        var probability = grid.ToNative(flairWorking.WithVoxels(probabilityWorking), flairName + " (probability on the working grid)");
        double toNative = clock.Elapsed.TotalSeconds;
        var working = new WorkingScan(grid, flairWorking, t1Working, flairWorking.WithVoxels(probabilityWorking), toWorking, toNative);
        return new SegmentationResult(probability, probability.WithVoxels(Threshold(probability.Voxels, threshold)), threshold, windows) { Working = working };
    }

    static byte[] Threshold(float[] probability, double threshold)
    {
        var mask = new byte[probability.Length];
        for (int n = 0; n < mask.Length; n++) mask[n] = probability[n] > threshold ? (byte)1 : (byte)0;
        return mask;
    }

    (float[] Probability, int Windows) Probability(Volume<float> flair, Volume<float> t1, SegmentationOptions options, IProgress<SegmentationProgress>? progress)
    {
        float[] probability;
        int windows = 0;
        using (var scope = NewDisposeScope())
        using (no_grad())
        {
            var (padded, padding, _) = PreparedInput.From(flair, t1, model.SizeMultiple, context.Device);
            var logits = new SlidingWindowInference(options.Window).Run(model.Network, padded, new WindowProgress(progress, w => windows = w));
            RequireLogits(logits, padded);
            probability = NetworkLayout.ToVoxels(padding.Crop(nn.functional.softmax(logits, 1)[0, 1]));
        }
        progress?.Report(new SegmentationProgress("postprocessing", 0, 1));
        return (probability, windows);
    }

    void RequireLogits(Tensor logits, Tensor input)
    {
        if (logits.dim() != 5 || logits.shape[1] < 2 || !logits.shape[2..].SequenceEqual(input.shape[2..]))
            throw new InvalidInputException(
                $"{model.Source}: the network returned a [{string.Join(", ", logits.shape)}] tensor; expected logits [batch, class ≥ 2, D, H, W].");
    }

    static void RequireUsable(Volume<float> volume, string name, string modality)
    {
        var voxels = volume.Voxels;
        bool anyNonzero = false;
        for (int n = 0; n < voxels.Length; n++)
        {
            float v = voxels[n];
            if (!float.IsFinite(v))
            {
                var (i, j, k) = volume.Shape.Coordinates(n);
                throw new InvalidInputException(
                    $"{name}: voxel ({i}, {j}, {k}) is {(float.IsNaN(v) ? "NaN" : v > 0 ? "+inf" : "-inf")}; the {modality} must be finite everywhere (replace NaN/inf, e.g. by 0 = background).");
            }
            anyNonzero |= v != 0;
        }
        if (!anyNonzero)
            throw new InvalidInputException($"{name}: every voxel is 0; the {modality} channel is empty (wrong file or a failed preprocessing step?).");
    }

    sealed class WindowProgress(IProgress<SegmentationProgress>? target, Action<int> total) : IProgress<(int Done, int Total)>
    {
        public void Report((int Done, int Total) value)
        {
            total(value.Total);
            target?.Report(new SegmentationProgress("windows", value.Done, value.Total));
        }
    }
}
