using InstanceSaliency.Models.Inference;
using InstanceSaliency.Models.Networks;
using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace InstanceSaliency.Models.Tests.Inference;

/// <summary>
/// RunOn, the differentiable blend on a box (what saliency of non-local networks differentiates, method.md §4):
/// the prediction's numbers on the box, and the gradient of an all-windows blend written out here.
/// </summary>
public class SlidingWindowBoxTests
{
    // 32³ windows, overlap 0.25 (interval 24) over 64 × 48 × 40: 3 × 2 × 2 windows, boxes crossing window borders.
    static readonly SlidingWindowSettings Small = new() { RoiSizeVoxels = 32, WindowsPerBatch = 1 };

    public static TheoryData<int, int, int, int, int, int> Boxes() => new()
    {
        { 20, 30, 18, 26, 10, 14 }, // across window borders on every axis
        { 0, 2, 0, 3, 0, 40 },      // at the start, one axis whole
        { 60, 64, 45, 48, 38, 40 }, // at the end
        { 33, 34, 20, 21, 15, 16 }, // one voxel
    };

    [Theory]
    [MemberData(nameof(Boxes))]
    public void Box_blend_equals_the_prediction_on_the_box(int i0, int i1, int j0, int j1, int k0, int k1)
    {
        using var net = InstanceNormNetwork(seed: 2);
        using var scope = NewDisposeScope();
        var x = Input(seed: 3, 64, 48, 40);
        var inference = new SlidingWindowInference(Small);
        var expected = inference.Run(net, x)[.., .., TensorIndex.Slice(i0, i1), TensorIndex.Slice(j0, j1), TensorIndex.Slice(k0, k1)];
        Tensor actual;
        using (no_grad()) actual = inference.RunOn(net, x, [new(i0, i1), new(j0, j1), new(k0, k1)]);

        Assert.Equal(expected.shape, actual.shape);
        double scale = expected.abs().max().item<float>();
        Assert.True((expected - actual).abs().max().item<float>() <= 1e-5 * Math.Max(scale, 1));
    }

    [Theory]
    [MemberData(nameof(Boxes))]
    public void Box_gradient_equals_the_gradient_of_the_whole_blend(int i0, int i1, int j0, int j1, int k0, int k1)
    {
        using var net = InstanceNormNetwork(seed: 4);
        using var scope = NewDisposeScope();
        var x0 = Input(seed: 5, 64, 48, 40);

        var x = x0.detach().requires_grad_(true);
        var whole = AllWindowsBlend(net, x, Small);
        var expected = autograd.grad([whole[0, 1, TensorIndex.Slice(i0, i1), TensorIndex.Slice(j0, j1), TensorIndex.Slice(k0, k1)].sum()], [x])[0];
        var xb = x0.detach().requires_grad_(true);
        var box = new SlidingWindowInference(Small).RunOn(net, xb, [new(i0, i1), new(j0, j1), new(k0, k1)]);
        var actual = autograd.grad([box[0, 1].sum()], [xb])[0];

        double norm = expected.norm().item<float>();
        Assert.True(norm > 0);
        Assert.True((actual - expected).norm().item<float>() / norm <= 1e-5);
    }

    [Fact]
    public void Box_blend_pads_axes_shorter_than_the_window_as_the_prediction_does()
    {
        using var net = InstanceNormNetwork(seed: 6);
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var x = Input(seed: 7, 16, 48, 24);
        var inference = new SlidingWindowInference(Small);
        var expected = inference.Run(net, x)[.., .., TensorIndex.Slice(3, 9), TensorIndex.Slice(30, 40), TensorIndex.Slice(0, 24)];
        var actual = inference.RunOn(net, x, [new(3, 9), new(30, 40), new(0, 24)]);
        Assert.True((expected - actual).abs().max().item<float>() <= 1e-5);
    }

    [Fact]
    public void Box_outside_the_input_is_refused()
    {
        using var net = InstanceNormNetwork(seed: 1);
        using var scope = NewDisposeScope();
        var x = Input(seed: 1, 32, 32, 32);
        Assert.Throws<ArgumentOutOfRangeException>(() => new SlidingWindowInference(Small).RunOn(net, x, [new(0, 4), new(30, 33), new(0, 4)]));
    }

    // The blend of every window over the whole grid, straight from the definition y = Σ_w G·f(x_w) / Σ_w G.
    static Tensor AllWindowsBlend(MonaiUNet net, Tensor x, SlidingWindowSettings settings)
    {
        int roi = settings.RoiSizeVoxels;
        var size = new[] { (int)x.shape[2], (int)x.shape[3], (int)x.shape[4] };
        var g = ImportanceMap.Gaussian(roi, settings.SigmaScale, x.device);
        Tensor? sum = null;
        var count = zeros([1, 1, size[0], size[1], size[2]]);
        foreach (var (d, h, w) in WindowGrid.Starts(size, roi, settings.Overlap))
        {
            long[] pad = [w, size[2] - w - roi, h, size[1] - h - roi, d, size[0] - d - roi];
            var y = net.call(x[.., .., TensorIndex.Slice(d, d + roi), TensorIndex.Slice(h, h + roi), TensorIndex.Slice(w, w + roi)]);
            var placed = functional.pad(y * g, pad);
            sum = sum is null ? placed : sum + placed;
            count = count + functional.pad(g.reshape(1, 1, roi, roi, roi), pad);
        }
        return sum! / count;
    }

    static MonaiUNet InstanceNormNetwork(int seed)
    {
        torch.manual_seed(seed);
        var net = new MonaiUNet(new UNetSettings { Channels = [2, 4, 8], Strides = [2, 2], Norm = NormKind.Instance });
        net.eval();
        foreach (var p in net.parameters()) p.requires_grad_(false);
        return net;
    }

    static Tensor Input(int seed, int d, int h, int w)
    {
        torch.manual_seed(seed);
        return randn([1, 2, d, h, w]);
    }
}
