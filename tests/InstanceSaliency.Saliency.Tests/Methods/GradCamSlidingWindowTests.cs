using InstanceSaliency.Models.Checkpoints;
using InstanceSaliency.Models.Inference;
using InstanceSaliency.Models.Networks;
using InstanceSaliency.Saliency.Execution;
using InstanceSaliency.Saliency.Methods;
using InstanceSaliency.Saliency.Targets;
using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace InstanceSaliency.Saliency.Tests.Methods;

/// <summary>
/// Grad-CAM++ of a network with instance normalisation is taken of the sliding-window function that made the prediction
/// (method.md §4, §6), not of one whole-volume pass: against the definition written out here over every window.
/// </summary>
public sealed class GradCamSlidingWindowTests
{
    // 32³ windows, overlap 0.25 over 64 × 48 × 40: 3 × 2 × 2 windows; the lesion lies across window borders.
    static readonly SlidingWindowSettings Small = new() { RoiSizeVoxels = 32, WindowsPerBatch = 1 };
    const string Layer = "model.1.submodule.2.conv";

    [Theory]
    [InlineData(CamWeighting.Local)]
    [InlineData(CamWeighting.Global)]
    public void Map_is_gradcampp_of_the_sliding_window_blend(CamWeighting weighting)
    {
        var model = InstanceNormModel(seed: 4);
        Assert.Null(model.ReceptiveFieldRadius);
        using var input = SaliencyFixtures.Input(model, 64, 48, 40);
        var target = SaliencyFixtures.Blob(1, (30, 22, 16), 7);
        using var scope = NewDisposeScope();
        var x = input.Padded;
        var size = new[] { (int)x.shape[2], (int)x.shape[3], (int)x.shape[4] };

        var actual = new ExactCropStrategy().Run(model, new GradCamPlusPlus(Layer, weighting), input, target);
        var windows = WindowGrid.Starts(size, Small.RoiSizeVoxels, Small.Overlap).Select(s => (s, new[] { Small.RoiSizeVoxels, Small.RoiSizeVoxels, Small.RoiSizeVoxels })).ToArray();
        var expected = Reference(model, x, target, weighting, windows, ImportanceMap.Gaussian(Small.RoiSizeVoxels, Small.SigmaScale, x.device));
        var onePass = Reference(model, x, target, weighting, [((0, 0, 0), size)], ones([size[0], size[1], size[2]]));

        Assert.Equal(expected.shape, actual.shape);
        Assert.True(expected.abs().sum().item<float>() > 0);
        double error = SaliencyFixtures.RelativeL2(actual, expected);
        Assert.True(error <= 1e-5, $"relative L2 error {error:E2} against the sliding-window definition");
        Assert.True(SaliencyFixtures.RelativeL2(onePass, expected) > 1e-2, "one whole-volume pass should be a different function here");
    }

    // Grad-CAM++ from its definition over the given windows: the blend y = Σ_w G·f(x_w) / Σ_w G of every window, s_Ω of
    // it, A = every window's layer output taken together as one layer grid, method.md §6's formula written out, each
    // L_w upsampled to its window and blended with G. One window covering the volume with G = 1 is one whole-volume pass.
    static Tensor Reference(AttributionModel model, Tensor x, InstanceTarget target, CamWeighting weighting,
        IReadOnlyList<((int D, int H, int W) Origin, int[] Size)> windows, Tensor weight)
    {
        var size = new[] { x.shape[2], x.shape[3], x.shape[4] };
        var activations = new List<Tensor>();
        var handle = model.Layer(Layer).register_forward_hook((_, _, output) =>
        {
            var a = output.detach().requires_grad_(true).DetachFromDisposeScope();
            activations.Add(a);
            return a;
        });
        try
        {
            Tensor? sum = null;
            var count = zeros([1, 1, size[0], size[1], size[2]]);
            foreach (var ((d, h, w), s) in windows)
            {
                long[] pad = [w, size[2] - w - s[2], h, size[1] - h - s[1], d, size[0] - d - s[0]];
                var y = model.Network.call(x[.., .., TensorIndex.Slice(d, d + s[0]), TensorIndex.Slice(h, h + s[1]), TensorIndex.Slice(w, w + s[2])]);
                sum = sum is null ? functional.pad(y * weight, pad) : sum + functional.pad(y * weight, pad);
                count = count + functional.pad(weight.reshape(1, 1, s[0], s[1], s[2]), pad);
            }
            var score = target.Score(sum! / count, VoxelBox.Whole(size[0], size[1], size[2]));
            var g = autograd.grad([score], activations);
            Tensor denominatorSum = zeros(1);
            for (int n = 0; n < g.Count; n++) denominatorSum = denominatorSum + (activations[n] * g[n].pow(3)).sum([0, 2, 3, 4], keepdim: true);
            var alpha = g.Select(gn =>
            {
                var denominator = 2 * gn.square() + denominatorSum;
                return where(denominator.ne(0), gn.square() / where(denominator.ne(0), denominator, ones_like(denominator)), zeros_like(gn));
            }).ToArray();
            Tensor global = zeros(1);
            for (int n = 0; n < g.Count; n++) global = global + (alpha[n] * functional.relu(g[n])).sum([0, 2, 3, 4], keepdim: true);
            Tensor? map = null;
            var mapCount = zeros([1, 1, size[0], size[1], size[2]]);
            for (int n = 0; n < windows.Count; n++)
            {
                var ((d, h, w), s) = windows[n];
                var weights = weighting == CamWeighting.Local ? alpha[n] * functional.relu(g[n]) : global;
                var l = functional.relu((weights * activations[n].detach()).sum(1, keepdim: true));
                var up = functional.interpolate(l, size: [s[0], s[1], s[2]], mode: InterpolationMode.Trilinear, align_corners: false);
                long[] pad = [w, size[2] - w - s[2], h, size[1] - h - s[1], d, size[0] - d - s[0]];
                map = map is null ? functional.pad(up * weight, pad) : map + functional.pad(up * weight, pad);
                mapCount = mapCount + functional.pad(weight.reshape(1, 1, s[0], s[1], s[2]), pad);
            }
            return (map! / mapCount)[0].detach();
        }
        finally
        {
            handle.remove();
            foreach (var a in activations) a.Dispose();
        }
    }

    static AttributionModel InstanceNormModel(int seed)
    {
        random.manual_seed(seed);
        var network = new MonaiUNet(new UNetSettings { Channels = [2, 4, 8], Strides = [2, 2], Norm = NormKind.Instance });
        return new AttributionModel(SegmentationModel.FromNetwork(network), Small);
    }
}
