using InstanceSaliency.Models.Checkpoints;
using InstanceSaliency.Models.Networks;
using InstanceSaliency.Saliency.Execution;
using InstanceSaliency.Saliency.Methods;
using static TorchSharp.torch;

namespace InstanceSaliency.Saliency.Tests.Execution;

/// <summary>
/// The exact crop at the paper's depth (method.md §2, §4): five levels, strides 2, 2, 2, 2 (total stride 16), with
/// few channels (4, 8, 8, 8, 8) so the whole-volume reference runs in seconds. Its receptive-field radius is 46
/// voxels, and the fast path equals the full-forward reference on one small lesion.
/// </summary>
public sealed class PaperDepthTests
{
    static AttributionModel PaperDepthModel()
    {
        random.manual_seed(5);
        var settings = UNetSettings.Paper with { Channels = [4, 8, 8, 8, 8] };
        return new AttributionModel(SegmentationModel.FromNetwork(new MonaiUNet(settings)));
    }

    [Fact]
    public void Receptive_field_radius_of_the_paper_network_is_46_and_tight()
    {
        Assert.Equal(46, ReceptiveField.RadiusVoxels(UNetSettings.Paper));
        var model = PaperDepthModel();
        Assert.Equal(46, model.ReceptiveFieldRadius);
        using var input = SaliencyFixtures.Input(model, 128, 128, 128);
        // How far the gradient reaches depends on the voxel's phase modulo 16 (31 to 46 voxels on a side, measured):
        // phase 15 reaches 46 below, phase 1 reaches 46 above.
        var target = new Targets.InstanceTarget(1, [(63, 65, 63)]);
        using var scope = NewDisposeScope();
        var map = new FullVolumeStrategy().Run(model, new InstanceGradient(), input, target).abs().sum([0L]); // over channels (a bare 0 would bind to the dtype overload)
        // Per axis, the largest |gradient| on each plane: zero beyond 46 voxels from the lesion voxel, non-zero at 46.
        var centre = new[] { 63, 65, 63 };
        for (int axis = 0; axis < 3; axis++)
        {
            var others = Enumerable.Range(0, 3).Where(a => a != axis).Select(a => (long)a).ToArray();
            var profile = map.permute([axis, .. others]).reshape(map.shape[axis], -1).amax(1).data<float>().ToArray();
            int c = centre[axis];
            Assert.True(profile[c + (c % 16 == 15 ? -46 : 46)] > 0, $"axis {axis}: the gradient should reach 46 voxels");
            Assert.All(profile.Take(c - 46), v => Assert.Equal(0f, v));
            Assert.All(profile.Skip(c + 47), v => Assert.Equal(0f, v));
        }
    }

    public static TheoryData<string> Methods() => ["smoothgrad", "smoothgrad-max", "gradcampp-local"];

    [Theory]
    [MemberData(nameof(Methods))]
    public void Fast_equals_naive_at_the_paper_depth(string method)
    {
        var model = PaperDepthModel();
        using var input = SaliencyFixtures.Input(model, 128, 128, 128);
        // Voxels of phase 1 mod 16 at the box's far end: their gradient reaches exactly 46 voxels beyond it, to the crop's last voxel.
        var target = SaliencyFixtures.Blob(1, (65, 65, 65), 3);
        var grid = (input.Padded.shape[2], input.Padded.shape[3], input.Padded.shape[4]);
        var options = new SmoothGradOptions { Samples = 2, Seed = 3 };
        IAttributionMethod attribution = method switch
        {
            "smoothgrad" => SmoothGrad.Of(Aggregation.Average, options, input.FlairRange, grid),
            "smoothgrad-max" => SmoothGrad.Of(Aggregation.Max, options, input.FlairRange, grid),
            _ => new GradCamPlusPlus(GradCamPlusPlus.DefaultLayer, CamWeighting.Local),
        };
        using var scope = NewDisposeScope();
        var fast = new ExactCropStrategy();
        var region = fast.Region(model, attribution, input, target);
        Assert.True(region.SizeI < 128 && region.SizeJ < 128 && region.SizeK < 128, $"the crop {region} should be smaller than the volume on every axis");
        var naiveMap = new FullVolumeStrategy().Run(model, attribution, input, target);
        var fastMap = fast.Run(model, attribution, input, target);
        Assert.True(naiveMap.abs().sum().item<float>() > 0);
        // The crop holds every voxel where the reference map is non-zero (the receptive field, to the last voxel).
        var outside = ones_like(naiveMap, dtype: ScalarType.Bool);
        outside[TensorIndex.Colon, TensorIndex.Slice(region.I0, region.I0 + region.SizeI), TensorIndex.Slice(region.J0, region.J0 + region.SizeJ),
            TensorIndex.Slice(region.K0, region.K0 + region.SizeK)] = false;
        Assert.Equal(0f, naiveMap.masked_select(outside).abs().max().item<float>());
        double error = SaliencyFixtures.RelativeL2(fastMap, naiveMap);
        Assert.True(error <= 1e-5, $"{method}: fast differs from naive by {error:E2} relative L2 on the crop {region}");
    }
}
