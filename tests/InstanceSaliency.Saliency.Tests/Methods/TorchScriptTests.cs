using InstanceSaliency.Models.Checkpoints;
using InstanceSaliency.Models.Runtime;
using InstanceSaliency.Saliency.Execution;
using InstanceSaliency.Saliency.Methods;
using InstanceSaliency.TestSupport;
using static TorchSharp.torch;

namespace InstanceSaliency.Saliency.Tests.Methods;

/// <summary>TorchScript models: SmoothGrad works on the whole volume and equals the same weights as a state_dict; Grad-CAM++ says clearly why not.</summary>
public sealed class TorchScriptTests
{
    [Fact]
    public void SmoothGrad_of_the_traced_model_equals_the_state_dict_model()
    {
        var script = new AttributionModel(ModelLoader.Load(Path.Combine(RepositoryPaths.Fixtures, "models", "unet_small.ts"), ComputeContext.Cpu));
        var weights = SaliencyFixtures.ReferenceModel();
        Assert.Null(script.ReceptiveFieldRadius); // unknown structure: whole volume only
        using var input = SaliencyFixtures.Input(weights, 30, 28, 26);
        var target = SaliencyFixtures.Blob(1, (15, 14, 13), 5);
        var method = SmoothGrad.Of(Aggregation.Average, new SmoothGradOptions { Samples = 2, Seed = 1 }, input.FlairRange, (32, 32, 32));
        using var scope = NewDisposeScope();
        var fromScript = new ExactCropStrategy().Run(script, method, input, target);
        var fromWeights = new FullVolumeStrategy().Run(weights, method, input, target);
        Assert.True(SaliencyFixtures.RelativeL2(fromScript, fromWeights) < 1e-5);
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
