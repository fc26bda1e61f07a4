using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace InstanceSaliency.Models.Networks;

/// <summary>A half-open range of voxels [Start, End) along one axis.</summary>
public readonly record struct AxisRange(int Start, int End)
{
    public int Size => End - Start;
}

// The windowed forward pass: the logits of a window of output voxels, with every layer evaluated only where that
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
    /// grid): equal to <c>forward(input)</c> cropped to the window, in evaluation mode, with every layer evaluated only
    /// on the voxels the window depends on. Going up, a transposed convolution (kernel 3, padding 1, stride s, output
    /// padding s − 1) makes output o from inputs i with o = s·i − 1 + k, k ∈ {0, 1, 2}, so outputs [o0, o1) need
    /// inputs [⌈(o0 − 1)/s⌉, ⌊o1/s⌋ + 1); going down, a kernel-3 convolution of stride s makes output j from inputs
    /// s·j − 1 … s·j + 1, and it is evaluated on an input slice that starts at a multiple of s so that it samples
    /// the positions it samples on the whole grid. Where a range meets the grid's edge the zero padding is the
    /// grid's own. Autograd through the result is restricted the same way, which is what makes instance gradients of
    /// small lesions cheap (method.md §4: the same numbers). Sizes need not be multiples of the total stride.
    /// Batch normalisation must use running statistics (evaluation mode): in training mode the statistics of the
    /// smaller tensors would differ.
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

        var (size, w, u, d) = Plan([(int)input.shape[2], (int)input.shape[3], (int)input.shape[4]], window);
        int levels = _levels.Length;
        using var scope = NewDisposeScope();
        // Encoder, each level on its range only; the input itself is read where the first level needs it.
        var encoded = new Tensor[levels];
        Tensor previous = input;
        int[] previousOrigin = [0, 0, 0];
        for (int l = 0; l < levels; l++)
        {
            encoded[l] = OnRange(_levels[l].Down, previous, previousOrigin, d[l], _levels[l].Stride, size[l]);
            previous = encoded[l];
            previousOrigin = d[l].Select(r => r.Start).ToArray();
        }
        // Bottom, then the decoder from the deepest level up, each on the range the level above needs.
        var sub = OnRange(_levels[levels - 1].Deeper, encoded[levels - 1], previousOrigin, u[levels - 1], 1, size[levels]);
        for (int l = levels - 1; l >= 0; l--)
        {
            var skip = Crop(encoded[l], u[l], d[l].Select(r => r.Start).ToArray());
            var y = _levels[l].Up.call(cat([skip, sub], 1));
            sub = Crop(y, w[l], u[l].Select(r => r.Start * _levels[l].Stride).ToArray());
        }
        return sub.MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Multiply-accumulates of the convolutions <see cref="ForwardWindow"/> evaluates for <paramref name="window"/> on an
    /// input grid of <paramref name="inputSize"/> voxels per axis (one batch element). A backward pass to the input alone
    /// (frozen weights) costs the same again: each convolution's input gradient is its transpose.
    /// </summary>
    public long WindowMultiplyAccumulates(int[] inputSize, IReadOnlyList<AxisRange> window)
    {
        ArgumentNullException.ThrowIfNull(inputSize);
        var (_, _, u, d) = Plan(inputSize, window);
        static long Volume(AxisRange[] r) => (long)r[0].Size * r[1].Size * r[2].Size;
        static long Weights(Module<Tensor, Tensor> unit) => unit.parameters().Where(p => p.dim() == 5).Sum(p => p.numel());
        long macs = 0;
        for (int l = 0; l < _levels.Length; l++)
        {
            // A convolution makes each output from its weights' worth of products; a transposed one spreads each input.
            macs += Volume(d[l]) * Weights(_levels[l].Down);
            macs += Volume(u[l]) * Weights(_levels[l].Up);
        }
        return macs + Volume(u[^1]) * Weights(_levels[^1].Deeper);
    }

    // The ranges every layer must produce for an output window (see ForwardWindow).
    (int[][] Size, AxisRange[][] W, AxisRange[][] U, AxisRange[][] D) Plan(int[] inputSize, IReadOnlyList<AxisRange> window)
    {
        int levels = _levels.Length;
        // Grid sizes per resolution: size[0] the input's, size[l + 1] = ⌈size[l] / s_l⌉ (what a padded stride-s conv makes).
        var size = new int[levels + 1][];
        size[0] = inputSize;
        for (int l = 0; l < levels; l++)
            size[l + 1] = size[l].Select(n => (n + _levels[l].Stride - 1) / _levels[l].Stride).ToArray();

        // What each layer must produce, from the output down: w[l] the output window of level l (resolution l),
        // u[l] the inputs of its up unit (resolution l + 1), d[l] the range of its down unit's output.
        var w = new AxisRange[levels][];
        var u = new AxisRange[levels][];
        w[0] = window.ToArray();
        for (int l = 0; l < levels; l++)
        {
            u[l] = Map3(w[l], size[l + 1], (r, n) => new AxisRange(Math.Max(0, CeilDiv(r.Start - 1, _levels[l].Stride)), Math.Min(n, FloorDiv(r.End, _levels[l].Stride) + 1)));
            if (l + 1 < levels) w[l + 1] = u[l];
        }
        var d = new AxisRange[levels][];
        d[levels - 1] = Map3(u[levels - 1], size[levels], (r, n) => DownInputs(r, 1, n)); // the stride-1 bottom unit
        for (int l = levels - 2; l >= 0; l--)
        {
            var deeper = Map3(d[l + 1], size[l + 1], (r, n) => DownInputs(r, _levels[l + 1].Stride, n));
            d[l] = [.. Enumerable.Range(0, 3).Select(a => new AxisRange(Math.Min(u[l][a].Start, deeper[a].Start), Math.Max(u[l][a].End, deeper[a].End)))];
        }

        return (size, w, u, d);
    }

    // Inputs [a, b) a kernel-3, padding-1, stride-s convolution reads to make outputs r on a grid of n inputs, with a
    // a multiple of s (the sampling phase) — one voxel more than read on the left, which only a discarded output sees.
    static AxisRange DownInputs(AxisRange r, int s, int n) => new(Math.Max(0, s * (r.Start - 1)), Math.Min(n, s * (r.End - 1) + 2));

    // The outputs `range` of a kernel-3, padding-1, stride-s unit, from `t` that covers its inputs from `origin` on
    // (a grid of `inputSize` voxels per axis): run on the slice DownInputs gives, drop the output its left padding made.
    static Tensor OnRange(Module<Tensor, Tensor> unit, Tensor t, int[] origin, AxisRange[] range, int s, int[] inputSize)
    {
        var inputs = Map3(range, inputSize, (r, n) => DownInputs(r, s, n));
        var y = unit.call(Crop(t, inputs, origin));
        return Crop(y, range, inputs.Select(r => r.Start / s).ToArray());
    }

    static AxisRange[] Map3(IReadOnlyList<AxisRange> ranges, int[] sizes, Func<AxisRange, int, AxisRange> map) =>
        [map(ranges[0], sizes[0]), map(ranges[1], sizes[1]), map(ranges[2], sizes[2])];

    static Tensor Crop(Tensor t, IReadOnlyList<AxisRange> ranges, int[] origin) =>
        t[TensorIndex.Colon, TensorIndex.Colon,
          TensorIndex.Slice(ranges[0].Start - origin[0], ranges[0].End - origin[0]),
          TensorIndex.Slice(ranges[1].Start - origin[1], ranges[1].End - origin[1]),
          TensorIndex.Slice(ranges[2].Start - origin[2], ranges[2].End - origin[2])];

    static int FloorDiv(int a, int b) => (int)Math.Floor(a / (double)b);

    static int CeilDiv(int a, int b) => (int)Math.Ceiling(a / (double)b);
}
