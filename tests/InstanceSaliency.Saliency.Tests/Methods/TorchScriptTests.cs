using InstanceSaliency.Models.Checkpoints;
using InstanceSaliency.Models.Runtime;
using InstanceSaliency.Saliency.Execution;
using InstanceSaliency.Saliency.Methods;
using InstanceSaliency.Models.Networks;
using InstanceSaliency.TestSupport;
using static TorchSharp.torch;

namespace InstanceSaliency.Saliency.Tests.Methods;

/// <summary>TorchScript models: SmoothGrad is taken through the sliding window and equals the same weights as a state_dict; Grad-CAM++ says clearly why not.</summary>
public sealed class TorchScriptTests
{
    [Fact]
    public void SmoothGrad_of_the_traced_model_is_the_gradient_through_the_sliding_window()
    {
        // Unknown structure, so not known to be local: the instance score is taken of the sliding-window blend that
        // made the prediction (method.md §4). Expected: the same weights as a state_dict, differentiated through the
        // blend here. The 30 × 28 × 26 scan pads to 32³ and then to one 96³ window, unlike one 32³ pass.
        var script = new AttributionModel(ModelLoader.Load(Path.Combine(RepositoryPaths.Fixtures, "models", "unet_small.ts"), ComputeContext.Cpu));
        var weights = SaliencyFixtures.ReferenceModel();
        Assert.Null(script.ReceptiveFieldRadius);
        using var input = SaliencyFixtures.Input(weights, 30, 28, 26);
        var target = SaliencyFixtures.Blob(1, (3, 3, 3), 5); // near the edge, where the two functions differ
        var method = SmoothGrad.Of(Aggregation.Average, new SmoothGradOptions { Samples = 1, NoiseFractionOfFlairRange = 0 }, input.FlairRange, (32, 32, 32));
        using var scope = NewDisposeScope();
        var fromScript = new ExactCropStrategy().Run(script, method, input, target);

        var x = input.Padded.detach().requires_grad_(true);
        var b = target.Bounds;
        var logits = weights.SlidingWindow.RunOn(weights.Network, x, [new(b.I0, b.I0 + b.SizeI), new(b.J0, b.J0 + b.SizeJ), new(b.K0, b.K0 + b.SizeK)]);
        var expected = autograd.grad([target.Score(logits, b)], [x])[0][0] / target.VoxelCount;
        var onePass = new FullVolumeStrategy().Run(weights, method, input, target);

        Assert.True(SaliencyFixtures.RelativeL2(fromScript, expected) < 1e-5);
        Assert.True(SaliencyFixtures.RelativeL2(onePass, expected) > 1e-3, "one whole-volume pass should be a different function here");
    }

    [Fact]
    public void GradCam_on_a_torchscript_model_is_a_clear_error()
    {
        var script = new AttributionModel(ModelLoader.Load(Path.Combine(RepositoryPaths.Fixtures, "models", "unet_small.ts"), ComputeContext.Cpu));
        var error = Assert.Throws<Imaging.InvalidInputException>(() => script.Layer(GradCamPlusPlus.DefaultLayer));
        Assert.Contains("TorchScript", error.Message);
        Assert.Contains("smoothgrad", error.Message);
    }
}
