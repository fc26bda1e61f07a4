using InstanceSaliency.Models.Checkpoints;
using InstanceSaliency.Models.Networks;
using InstanceSaliency.Saliency.Execution;
using InstanceSaliency.Saliency.Inputs;
using InstanceSaliency.Saliency.Methods;
using InstanceSaliency.Saliency.Targets;
using InstanceSaliency.TestSupport;
using static TorchSharp.torch;

namespace InstanceSaliency.Saliency.Tests.Methods;

/// <summary>
/// The max aggregation's tie rule (method.md §5): per channel and input voxel v the derivative of largest |·| over
/// v' ∈ Ω, sign kept; between equal magnitudes the first v' in Ω's stored order wins. A hand-built two-level
/// U-Net makes an exact tie: its only path is FLAIR → stride-2 convolution (centre weight a) → identity BatchNorm
/// and PReLU → transposed convolution (weights +b and −b at the two ends of the k axis). It is linear, and an input
/// voxel u with even k feeds the logits at k − 1 and k + 1 with derivatives ±a·b·s (s the BatchNorm scale): the
/// same magnitude, opposite signs, bit for bit.
/// </summary>
public sealed class MaxAggregationTieTests
{
    const float A = 0.5f, B = 0.75f;

    [Fact]
    public void A_tie_goes_to_the_first_voxel_of_the_lesion_in_stored_order_with_its_sign()
    {
        var model = TieModel();
        var (flair, t1) = SyntheticScan.Ellipsoid(16, 16, 16);
        using var input = NetworkInput.From(flair, t1, model.SizeMultiple, CPU);
        (int, int, int) first = (8, 8, 7), second = (8, 8, 9);
        using var scope = NewDisposeScope();
        // Each voxel's own derivative map: the plain instance gradient of a one-voxel lesion is ∂z1[v']/∂x.
        var d1 = Gradient(model, input, first);
        var d2 = Gradient(model, input, second);
        var tie = d1.abs().eq(d2.abs()).logical_and(d1.ne(0)).logical_and(d1.ne(d2));
        Assert.True(tie.sum().item<long>() > 0, "the constructed network should give opposite derivatives of equal magnitude somewhere");

        var forward = Max(model, input, new InstanceTarget(1, [first, second]));
        var backward = Max(model, input, new InstanceTarget(1, [second, first]));

        // Ties: the first stored voxel's derivative, with its sign; the two orders therefore differ exactly there.
        Assert.Equal(0f, (forward - d1).masked_select(tie).abs().max().item<float>());
        Assert.Equal(0f, (backward - d2).masked_select(tie).abs().max().item<float>());
        Assert.True((forward.masked_select(tie) * backward.masked_select(tie)).lt(0).all().item<bool>());
        // No tie: the larger magnitude wins whatever the order, sign kept.
        var expected = where(d2.abs().gt(d1.abs()), d2, d1);
        var untied = tie.logical_not();
        Assert.Equal(0f, (forward - expected).masked_select(untied).abs().max().item<float>());
        Assert.Equal(0f, (backward - expected).masked_select(untied).abs().max().item<float>());
    }

    static Tensor Gradient(AttributionModel model, NetworkInput input, (int, int, int) voxel) =>
        new FullVolumeStrategy().Run(model, new InstanceGradient(), input, new InstanceTarget(1, [voxel]));

    static Tensor Max(AttributionModel model, NetworkInput input, InstanceTarget target) =>
        new FullVolumeStrategy().Run(model, SmoothGrad.Of(Aggregation.Max, new SmoothGradOptions { Samples = 1, NoiseFractionOfFlairRange = 0 }, input.FlairRange,
            (input.Padded.shape[2], input.Padded.shape[3], input.Padded.shape[4])), input, target);

    /// <summary>UNet(channels 1, 1; stride 2) with every parameter 0 except the one path described above.</summary>
    static AttributionModel TieModel()
    {
        var network = new MonaiUNet(new UNetSettings { Channels = [1, 1], Strides = [2] });
        using (no_grad())
        {
            var parameters = network.named_parameters().ToDictionary(p => p.name, p => p.parameter);
            foreach (var p in parameters.Values) p.zero_();
            parameters["model.0.conv.weight"][0, 0, 1, 1, 1] = A;  // FLAIR centre tap of the stride-2 convolution
            parameters["model.0.adn.N.weight"].fill_(1f);           // BatchNorm: running mean 0, variance 1 → a constant scale
            parameters["model.0.adn.A.weight"].fill_(1f);           // PReLU slope 1: linear
            parameters["model.2.conv.weight"][0, 1, 1, 1, 0] = B;   // transposed convolution, into the lesion logit
            parameters["model.2.conv.weight"][0, 1, 1, 1, 2] = -B;
        }
        return new AttributionModel(SegmentationModel.FromNetwork(network));
    }
}
