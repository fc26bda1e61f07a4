using InstanceSaliency.Saliency.Execution;
using InstanceSaliency.Saliency.Methods;
using InstanceSaliency.Saliency.Targets;
using static TorchSharp.torch;

namespace InstanceSaliency.Saliency.Tests.Execution;

/// <summary>The fast path (exact crop) gives the numbers of the full-forward reference (method.md §4).</summary>
public sealed class ExactCropTests
{
    public static TheoryData<string> Methods() => ["smoothgrad", "smoothgrad-max", "gradcampp-local", "gradcampp-global"];

    [Theory]
    [MemberData(nameof(Methods))]
    public void Fast_equals_naive_within_1e_5_relative_L2(string method)
    {
        var model = SaliencyFixtures.ShallowModel();
        using var input = SaliencyFixtures.Input(model, 96, 80, 70);
        var target = SaliencyFixtures.Blob(1, (30, 28, 26), 5);
        var attribution = Method(method, input, samples: 2);

        using var scope = NewDisposeScope();
        var fast = new ExactCropStrategy();
        var region = fast.Region(model, attribution, input, target);
        if (attribution.IsLocal)
            Assert.True(region.VoxelCount * 2 < input.Whole.VoxelCount, $"the crop {region} should be much smaller than the volume {input.Whole}");
        var naiveMap = new FullVolumeStrategy().Run(model, attribution, input, target);
        var fastMap = fast.Run(model, attribution, input, target);

        Assert.True(naiveMap.abs().sum().item<float>() > 0);
        double error = SaliencyFixtures.RelativeL2(fastMap, naiveMap);
        Assert.True(error <= 1e-5, $"{method}: fast differs from naive by {error:E2} relative L2");
    }

    [Fact]
    public void Crop_origin_is_aligned_and_the_crop_covers_the_receptive_field()
    {
        var model = SaliencyFixtures.ShallowModel();
        using var input = SaliencyFixtures.Input(model, 96, 80, 70);
        var target = SaliencyFixtures.Blob(1, (40, 37, 35), 7);
        var b = target.Bounds;
        int radius = model.ReceptiveFieldRadius!.Value;
        Assert.Equal(22, radius);

        // Gradient methods read only Ω's logits (windowed forward): aligned origin, end = Ω's end + radius.
        var region = new ExactCropStrategy().Region(model, new InstanceGradient(), input, target);
        foreach (int value in new[] { region.I0, region.J0, region.K0 })
            Assert.Equal(0, value % model.SizeMultiple);
        Assert.True(region.I0 <= b.I0 - radius && region.J0 <= b.J0 - radius && region.K0 <= b.K0 - radius);
        Assert.Equal((b.I0 + b.SizeI + radius, b.J0 + b.SizeJ + radius, b.K0 + b.SizeK + radius),
            (region.I0 + region.SizeI, region.J0 + region.SizeJ, region.K0 + region.SizeK));

        // Grad-CAM++ runs the whole network on the crop: every size aligned too.
        var camRegion = new ExactCropStrategy().Region(model, new GradCamPlusPlus(GradCamPlusPlus.DefaultLayer), input, target);
        foreach (int value in new[] { camRegion.I0, camRegion.J0, camRegion.K0, camRegion.SizeI, camRegion.SizeJ, camRegion.SizeK })
            Assert.Equal(0, value % model.SizeMultiple);
        Assert.True(camRegion.Contains(region));
    }

    [Fact]
    public void Saliency_is_zero_outside_the_receptive_field_around_the_lesion()
    {
        var model = SaliencyFixtures.ShallowModel();
        using var input = SaliencyFixtures.Input(model, 96, 80, 70);
        var target = SaliencyFixtures.Blob(1, (50, 40, 30), 7);
        using var scope = NewDisposeScope();
        var map = new FullVolumeStrategy().Run(model, new InstanceGradient(), input, target);
        int r = model.ReceptiveFieldRadius!.Value;
        var b = target.Bounds;
        var inside = zeros_like(map, dtype: ScalarType.Bool);
        inside[.., TensorIndex.Slice(b.I0 - r, b.I0 + b.SizeI + r), TensorIndex.Slice(b.J0 - r, b.J0 + b.SizeJ + r), TensorIndex.Slice(b.K0 - r, b.K0 + b.SizeK + r)] = true;

        Assert.Equal(0f, map.masked_select(inside.logical_not()).abs().max().item<float>());
        // The bound is tight: the gradient reaches at least 3/4 of the radius beyond the lesion's box.
        var near = zeros_like(inside);
        int q = 3 * r / 4;
        near[.., TensorIndex.Slice(b.I0 - q, b.I0 + b.SizeI + q), TensorIndex.Slice(b.J0 - q, b.J0 + b.SizeJ + q), TensorIndex.Slice(b.K0 - q, b.K0 + b.SizeK + q)] = true;
        Assert.True(map.masked_select(near.logical_not()).abs().max().item<float>() > 0);
    }

    [Fact]
    public void Far_apart_lesions_do_not_change_each_others_maps()
    {
        var model = SaliencyFixtures.ShallowModel();
        using var input = SaliencyFixtures.Input(model, 96, 80, 70);
        var near = SaliencyFixtures.Blob(1, (24, 24, 24), 7);
        using var scope = NewDisposeScope();
        var before = new ExactCropStrategy().Run(model, new InstanceGradient(), input, near).clone();
        // Change the scan around a second lesion 48+ voxels away (beyond the receptive field of the first).
        input.Padded[.., .., TensorIndex.Slice(72, 90), TensorIndex.Slice(60, 76), TensorIndex.Slice(48, 62)].add_(3.0f);
        var after = new ExactCropStrategy().Run(model, new InstanceGradient(), input, near);
        Assert.Equal(0f, (after - before).abs().max().item<float>());
        var naiveAfter = new FullVolumeStrategy().Run(model, new InstanceGradient(), input, near);
        Assert.True(SaliencyFixtures.RelativeL2(naiveAfter, before) <= 1e-6);
    }

    static IAttributionMethod Method(string name, Inputs.NetworkInput input, int samples)
    {
        var grid = (input.Padded.shape[2], input.Padded.shape[3], input.Padded.shape[4]);
        var options = new SmoothGradOptions { Samples = samples, Seed = 11 };
        return name switch
        {
            "smoothgrad" => SmoothGrad.Of(Aggregation.Average, options, input.FlairRange, grid),
            "smoothgrad-max" => SmoothGrad.Of(Aggregation.Max, options, input.FlairRange, grid),
            "gradcampp-local" => new GradCamPlusPlus(GradCamPlusPlus.DefaultLayer, CamWeighting.Local),
            _ => new GradCamPlusPlus(GradCamPlusPlus.DefaultLayer, CamWeighting.Global),
        };
    }
}
