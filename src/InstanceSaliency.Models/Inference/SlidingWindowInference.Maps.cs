using InstanceSaliency.Models.Runtime;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace InstanceSaliency.Models.Inference;

// Per-window maps blended as the logits are: what a layer map (Grad-CAM++) of a non-local network shows (method.md §4, §6).
public sealed partial class SlidingWindowInference
{
    /// <summary>
    /// Per-window maps blended over the input grid as <see cref="Run"/> blends logits: y = Σ_w G·m_w / Σ_w G over every
    /// window w of the grid (the same padding, origins and Gaussian weights G), with m_w = <paramref name="map"/>(x_w,
    /// origin), [1, map channel, roi, roi, roi]; a window for which it returns null adds nothing to the sum (its map is
    /// zero) while its weight still counts. Origins are on the grid padded to the window, as <see cref="RunOn"/> reports
    /// them. Returns [1, map channel, D, H, W] on <paramref name="input"/>'s grid (one channel of zeros when every window
    /// returns null), under the caller's autograd mode.
    /// </summary>
    public Tensor BlendWindows(Tensor input, Func<Tensor, (int D, int H, int W), Tensor?> map)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(map);
        if (input.dim() != 5 || input.shape[0] != 1)
            throw new ArgumentException($"Expected a [1, channel, D, H, W] tensor; got [{string.Join(", ", input.shape)}].", nameof(input));
        int roi = Settings.RoiSizeVoxels;
        using var scope = NewDisposeScope();
        var (padded, toRoi, size) = PadToWindow(input, roi);
        var weight = ImportanceMap.Gaussian(roi, Settings.SigmaScale, input.device);
        Tensor? sum = null;
        var count = zeros([1, 1, size[0], size[1], size[2]], dtype: input.dtype, device: input.device);
        foreach (var s in WindowGrid.Starts(size, roi, Settings.Overlap))
        {
            Window(count, s, roi).add_(weight, StableScalars.One); // see StableScalars
            var m = map(Window(padded, s, roi), s);
            if (m is null) continue;
            if (m.dim() != 5 || m.shape[0] != 1 || m.shape[2] != roi || m.shape[3] != roi || m.shape[4] != roi)
                throw new ArgumentException($"A window's map must be [1, map channel, {roi}, {roi}, {roi}]; got [{string.Join(", ", m.shape)}].", nameof(map));
            // Out of place, so a map that needs gradients keeps its graph. Pad order is last axis first.
            long[] placement = [s.W, size[2] - s.W - roi, s.H, size[1] - s.H - roi, s.D, size[0] - s.D - roi];
            var placed = functional.pad(m.mul(weight), placement);
            sum = sum is null ? placed : sum.add(placed, StableScalars.One);
        }
        if (sum is null) return zeros([1, 1, input.shape[2], input.shape[3], input.shape[4]], dtype: input.dtype, device: input.device).MoveToOuterDisposeScope();
        return sum.div(count)[TensorIndex.Colon, TensorIndex.Colon,
                TensorIndex.Slice(toRoi[0] / 2, toRoi[0] / 2 + input.shape[2]),
                TensorIndex.Slice(toRoi[1] / 2, toRoi[1] / 2 + input.shape[3]),
                TensorIndex.Slice(toRoi[2] / 2, toRoi[2] / 2 + input.shape[4])]
            .contiguous().MoveToOuterDisposeScope();
    }
}
