using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace InstanceSaliency.Models.Networks;

/// <summary>A half-open range of voxels [Start, End) along one axis.</summary>
public readonly record struct AxisRange(int Start, int End)
{
    public int Size => End - Start;
}

// The windowed forward pass: the logits of a window of output voxels, with the decoder evaluated only where that
// window depends on it.
public sealed partial class MonaiUNet
{
    // The modules of one level as built, for ForwardWindow (the registered structure is `model`).
    sealed record LevelModules(Module<Tensor, Tensor> Down, Module<Tensor, Tensor> Deeper, Module<Tensor, Tensor> Up, int Stride);

    readonly LevelModules[] _levels;

    /// <summary>
    /// True when <see cref="ForwardWindow"/> can run: every up unit is a single transposed convolution (no residual
    /// units), so the dependence of an output window on the decoder is known exactly.
    /// </summary>
    public bool SupportsWindow => Settings.NumResUnits == 0;

    /// <summary>
    /// The logits on <paramref name="window"/> (three axis ranges of the output grid, which is the input's spatial
    /// grid): equal to <c>forward(input)</c> cropped to the window, in evaluation mode. The encoder runs on the whole
    /// input (the window's deepest dependence reaches across it); each decoder level and the bottom unit run only on
    /// the voxels the window depends on: for a transposed convolution (kernel 3, padding 1, stride s, output padding
    /// s − 1) output o reads inputs i with o = s·i − 1 + k, k ∈ {0, 1, 2}, so outputs [o0, o1) need inputs
    /// [⌈(o0 − 1)/s⌉, ⌊o1/s⌋ + 1); a kernel-3 convolution needs one more voxel each side. Where that range meets the
    /// grid's edge the zero padding is the same as on the whole grid. Autograd through the result is restricted the
    /// same way, which is what makes instance gradients of small lesions cheap (method.md §4: the same numbers).
    /// Batch normalisation must use running statistics (evaluation mode): in training mode the statistics of the
    /// smaller decoder tensors would differ.
    /// </summary>
    public Tensor ForwardWindow(Tensor input, IReadOnlyList<AxisRange> window)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(window);
        if (!SupportsWindow)
            throw new InvalidOperationException("ForwardWindow needs a U-Net without residual units (num_res_units = 0); use forward.");
        if (training)
            throw new InvalidOperationException("ForwardWindow needs evaluation mode (batch normalisation with running statistics).");
        if (window.Count != 3 || input.dim() != 5)
            throw new ArgumentException($"ForwardWindow takes [batch, channel, D, H, W] and three axis ranges; got {input.dim()} dimensions and {window.Count} ranges.");
        for (int axis = 0; axis < 3; axis++)
            if (window[axis].Start < 0 || window[axis].End > input.shape[axis + 2] || window[axis].Size < 1)
                throw new ArgumentOutOfRangeException(nameof(window), $"Axis {axis}: window {window[axis]} is not a non-empty range inside [0, {input.shape[axis + 2]}).");
        using var scope = NewDisposeScope();
        return Level(0, input, window).MoveToOuterDisposeScope();
    }

    Tensor Level(int level, Tensor x, IReadOnlyList<AxisRange> window)
    {
        var (down, deeper, up, stride) = _levels[level];
        var d = down.call(x);
        var needed = new AxisRange[3];
        for (int axis = 0; axis < 3; axis++)
        {
            var (o0, o1) = (window[axis].Start, window[axis].End);
            needed[axis] = new AxisRange(Math.Max(0, CeilDiv(o0 - 1, stride)), Math.Min((int)d.shape[axis + 2], FloorDiv(o1, stride) + 1));
        }
        var sub = level + 1 < _levels.Length ? Level(level + 1, d, needed) : Bottom(deeper, d, needed);
        var y = up.call(cat([Crop(d, needed, 0), sub], 1));
        var offset = needed.Select(r => r.Start * stride).ToArray();
        return Crop(y, window, offset);
    }

    // The stride-1, kernel-3 bottom unit on the needed range plus one voxel of context each side.
    static Tensor Bottom(Module<Tensor, Tensor> bottom, Tensor d, AxisRange[] needed)
    {
        var grown = new AxisRange[3];
        for (int axis = 0; axis < 3; axis++)
            grown[axis] = new AxisRange(Math.Max(0, needed[axis].Start - 1), Math.Min((int)d.shape[axis + 2], needed[axis].End + 1));
        var y = bottom.call(Crop(d, grown, 0));
        return Crop(y, needed, grown.Select(r => r.Start).ToArray());
    }

    static Tensor Crop(Tensor t, IReadOnlyList<AxisRange> ranges, int origin) => Crop(t, ranges, [origin, origin, origin]);

    static Tensor Crop(Tensor t, IReadOnlyList<AxisRange> ranges, int[] origin) =>
        t[TensorIndex.Colon, TensorIndex.Colon,
          TensorIndex.Slice(ranges[0].Start - origin[0], ranges[0].End - origin[0]),
          TensorIndex.Slice(ranges[1].Start - origin[1], ranges[1].End - origin[1]),
          TensorIndex.Slice(ranges[2].Start - origin[2], ranges[2].End - origin[2])];

    static int FloorDiv(int a, int b) => (int)Math.Floor(a / (double)b);

    static int CeilDiv(int a, int b) => (int)Math.Ceiling(a / (double)b);
}
