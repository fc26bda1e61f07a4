using InstanceSaliency.Models.Networks;
using InstanceSaliency.Models.Runtime;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace InstanceSaliency.Models.Inference;

// The blend on one box, differentiable: what instance saliency of a non-local network differentiates (method.md §4).
public sealed partial class SlidingWindowInference
{
    /// <summary>
    /// The blended logits of <see cref="Run"/> on <paramref name="box"/> (three axis ranges of the input grid),
    /// [1, class, box D, box H, box W], computed from the windows that overlap the box only (the others add nothing
    /// to these voxels, neither to the sum nor to the weights) and under the caller's autograd mode, one window per
    /// network call. Differentiating it gives the gradient through the same sliding-window inference that produced
    /// the prediction: the target method.md §4 asks for networks with instance normalisation or other non-local
    /// parts, where one whole-volume pass would be a different function. <paramref name="windowsRun"/>, when given,
    /// receives the origin of each window in the order the network is called on them (on the grid padded to the
    /// window, as <see cref="BlendWindows"/> names them).
    /// </summary>
    public Tensor RunOn(IModule<Tensor, Tensor> network, Tensor input, IReadOnlyList<AxisRange> box, ICollection<(int D, int H, int W)>? windowsRun = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(box);
        if (input.dim() != 5 || input.shape[0] != 1 || box.Count != 3)
            throw new ArgumentException($"Expected a [1, channel, D, H, W] tensor and three axis ranges; got [{string.Join(", ", input.shape)}] and {box.Count} ranges.");
        for (int d = 0; d < 3; d++)
            if (box[d].Start < 0 || box[d].End > input.shape[2 + d] || box[d].Size < 1)
                throw new ArgumentOutOfRangeException(nameof(box), $"Axis {d}: {box[d]} is not a non-empty range inside [0, {input.shape[2 + d]}).");
        int roi = Settings.RoiSizeVoxels;
        using var scope = NewDisposeScope();

        // The same padding and window grid as Run; the box moves with the padding.
        var (padded, toRoi, size) = PadToWindow(input, roi);
        var b = Enumerable.Range(0, 3).Select(d => new AxisRange(box[d].Start + toRoi[d] / 2, box[d].End + toRoi[d] / 2)).ToArray();

        var weight = ImportanceMap.Gaussian(roi, Settings.SigmaScale, input.device).reshape(1, 1, roi, roi, roi);
        Tensor? sum = null;
        var count = zeros([1, 1, b[0].Size, b[1].Size, b[2].Size], dtype: input.dtype, device: input.device);
        foreach (var s in WindowGrid.Starts(size, roi, Settings.Overlap))
        {
            var origin = new[] { s.D, s.H, s.W };
            // The overlap of window and box, in padded-grid coordinates.
            var lo = new int[3];
            var hi = new int[3];
            bool overlaps = true;
            for (int d = 0; d < 3; d++)
            {
                lo[d] = Math.Max(origin[d], b[d].Start);
                hi[d] = Math.Min(origin[d] + roi, b[d].End);
                overlaps &= lo[d] < hi[d];
            }
            if (!overlaps) continue;
            var window = padded[TensorIndex.Colon, TensorIndex.Colon,
                TensorIndex.Slice(s.D, s.D + roi), TensorIndex.Slice(s.H, s.H + roi), TensorIndex.Slice(s.W, s.W + roi)];
            windowsRun?.Add(s);
            var logits = network.call(window);
            var part = Slice(logits.mul(weight), lo, hi, origin);
            var partWeight = Slice(weight, lo, hi, origin);
            // Out of place: the sum stays an ordinary autograd graph. Pad order is last axis first.
            long[] placement = [lo[2] - b[2].Start, b[2].End - hi[2], lo[1] - b[1].Start, b[1].End - hi[1], lo[0] - b[0].Start, b[0].End - hi[0]];
            var placed = functional.pad(part, placement);
            sum = sum is null ? placed : sum.add(placed, StableScalars.One);
            count.add_(functional.pad(partWeight, placement), StableScalars.One);
        }
        if (sum is null) throw new InvalidOperationException("No window overlaps the box; the window grid should cover the whole input.");
        return sum.div(count).MoveToOuterDisposeScope();
    }

    static Tensor Slice(Tensor t, int[] lo, int[] hi, int[] origin) =>
        t[TensorIndex.Colon, TensorIndex.Colon,
            TensorIndex.Slice(lo[0] - origin[0], hi[0] - origin[0]),
            TensorIndex.Slice(lo[1] - origin[1], hi[1] - origin[1]),
            TensorIndex.Slice(lo[2] - origin[2], hi[2] - origin[2])];
}
