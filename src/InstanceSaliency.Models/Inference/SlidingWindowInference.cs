using InstanceSaliency.Models.Runtime;
using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace InstanceSaliency.Models.Inference;

/// <summary>
/// MONAI's <c>sliding_window_inference(mode="gaussian")</c> (method.md §3) for one [1, channel, D, H, W] input:
/// axes shorter than the window are first zero-padded symmetrically to it (⌊p/2⌋ before); windows are placed by
/// <see cref="WindowGrid"/>, run <see cref="SlidingWindowSettings.WindowsPerBatch"/> at a time, and blended as
/// y = Σ_w G·f(x_w) / Σ_w G with G the <see cref="ImportanceMap"/>; the padding is cropped off again. Returns
/// the blended logits [1, class, D, H, W]. Runs without autograd, the network in evaluation mode.
/// </summary>
public sealed partial class SlidingWindowInference(SlidingWindowSettings settings)
{
    /// <summary>The settings.</summary>
    public SlidingWindowSettings Settings { get; } = settings ?? throw new ArgumentNullException(nameof(settings));

    /// <summary>Blended logits of <paramref name="network"/> over <paramref name="input"/>; <paramref name="progress"/> receives (windows done, windows total).</summary>
    public Tensor Run(IModule<Tensor, Tensor> network, Tensor input, IProgress<(int Done, int Total)>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(input);
        if (input.dim() != 5 || input.shape[0] != 1)
            throw new ArgumentException($"Expected a [1, channel, D, H, W] tensor; got [{string.Join(", ", input.shape)}].", nameof(input));
        int roi = Settings.RoiSizeVoxels;
        using var scope = NewDisposeScope();
        using var gradients = no_grad();

        var (padded, toRoi, size) = PadToWindow(input, roi);

        var starts = WindowGrid.Starts(size, roi, Settings.Overlap);
        var weight = ImportanceMap.Gaussian(roi, Settings.SigmaScale, input.device);
        Tensor? sum = null;
        var count = zeros([1, 1, size[0], size[1], size[2]], dtype: input.dtype, device: input.device);
        for (int first = 0; first < starts.Count; first += Settings.WindowsPerBatch)
        {
            using var step = NewDisposeScope();
            var group = starts.Skip(first).Take(Settings.WindowsPerBatch).ToArray();
            var batch = cat(group.Select(s => Window(padded, s, roi)).ToArray(), 0);
            var logits = network.call(batch).detach();
            if (sum is null)
            {
                sum = zeros([1, logits.shape[1], size[0], size[1], size[2]], dtype: input.dtype, device: input.device);
                sum.MoveToOuterDisposeScope();
            }
            for (int n = 0; n < group.Length; n++)
            {
                Window(sum, group[n], roi).add_(logits[n].mul(weight), StableScalars.One); // see StableScalars
                Window(count, group[n], roi).add_(weight, StableScalars.One);
            }
            progress?.Report((first + group.Length, starts.Count));
        }
        var blended = sum!.div_(count);
        return blended[TensorIndex.Colon, TensorIndex.Colon,
                TensorIndex.Slice(toRoi[0] / 2, toRoi[0] / 2 + input.shape[2]),
                TensorIndex.Slice(toRoi[1] / 2, toRoi[1] / 2 + input.shape[3]),
                TensorIndex.Slice(toRoi[2] / 2, toRoi[2] / 2 + input.shape[4])]
            .contiguous().MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Axes shorter than the window, symmetrically zero-padded to it (⌊p/2⌋ before; MONAI pads before windowing):
    /// the padded input, the padding p per axis and the padded size.
    /// </summary>
    static (Tensor Padded, int[] ToRoi, int[] Size) PadToWindow(Tensor input, int roi)
    {
        var toRoi = new int[3];
        var size = new int[3];
        for (int d = 0; d < 3; d++)
        {
            int n = (int)input.shape[2 + d];
            toRoi[d] = Math.Max(roi - n, 0);
            size[d] = n + toRoi[d];
        }
        var padded = toRoi.Any(p => p > 0)
            ? functional.pad(input, [toRoi[2] / 2, toRoi[2] - toRoi[2] / 2, toRoi[1] / 2, toRoi[1] - toRoi[1] / 2, toRoi[0] / 2, toRoi[0] - toRoi[0] / 2])
            : input;
        return (padded, toRoi, size);
    }

    static Tensor Window(Tensor volume, (int D, int H, int W) s, int roi) =>
        volume[TensorIndex.Colon, TensorIndex.Colon,
            TensorIndex.Slice(s.D, s.D + roi), TensorIndex.Slice(s.H, s.H + roi), TensorIndex.Slice(s.W, s.W + roi)];
}
