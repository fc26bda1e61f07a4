using InstanceSaliency.Saliency.Targets;
using TorchSharp;
using static TorchSharp.torch;

namespace InstanceSaliency.Saliency.Methods;

/// <summary>
/// The per-sample term of SmoothGrad with average aggregation (method.md §5, paper eq. 2):
/// (1/|Ω|)·∂s_Ω(x)/∂x[c, v], one backward pass. With one sample and no noise this is the plain instance gradient.
/// Units: logit per normalised-intensity unit; signs kept.
/// </summary>
public sealed class InstanceGradient : IAttributionMethod
{
    public IReadOnlyList<string> MapChannels(IReadOnlyList<string> inputChannels) => inputChannels;

    public bool IsLocal => true;

    public bool ReadsInstanceLogitsOnly => true;

    public Tensor Attribute(AttributionModel model, Tensor input, VoxelBox region, InstanceTarget target)
    {
        var x = input.detach().requires_grad_(true);
        var (logits, covered) = model.InstanceLogits(x, region, target);
        var score = target.Score(logits, covered);
        var gradient = autograd.grad([score], [x])[0];
        // An explicit, disposed Scalar: TorchSharp leaves implicit ones to the finaliser, which can free them
        // while a native call still reads them.
        using var count = ((double)target.VoxelCount).ToScalar();
        return gradient[0].div(count).detach();
    }
}
