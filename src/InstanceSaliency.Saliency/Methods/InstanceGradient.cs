using InstanceSaliency.Saliency.Targets;
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

    public Tensor Attribute(AttributionModel model, Tensor input, VoxelBox region, InstanceTarget target)
    {
        var x = input.detach().requires_grad_(true);
        var score = target.Score(model.Network.call(x), region);
        var gradient = autograd.grad([score], [x])[0];
        return (gradient[0] / target.VoxelCount).detach();
    }
}
