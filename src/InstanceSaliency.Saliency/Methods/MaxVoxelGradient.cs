using InstanceSaliency.Saliency.Targets;
using static TorchSharp.torch;

namespace InstanceSaliency.Saliency.Methods;

/// <summary>
/// The per-sample term of SmoothGrad with max aggregation, the "quantitative" map (method.md §5, paper eq. 3):
/// D[c, v, v'] = ∂z1(x)[v']/∂x[c, v] for every v' ∈ Ω, and per channel and voxel the derivative of largest
/// magnitude, sign kept; ties go to the first v' in Ω's stored order. One forward pass, then one backward pass per
/// voxel of Ω reusing it.
/// </summary>
public sealed class MaxVoxelGradient : IAttributionMethod
{
    public IReadOnlyList<string> MapChannels(IReadOnlyList<string> inputChannels) => inputChannels;

    public bool IsLocal => true;

    public bool ReadsInstanceLogitsOnly => true;

    public Tensor Attribute(AttributionModel model, Tensor input, VoxelBox region, InstanceTarget target)
    {
        var x = input.detach().requires_grad_(true);
        var (logits, covered) = model.InstanceLogits(x, region, target);
        var lesionLogits = target.LesionLogits(logits, covered);
        var best = zeros_like(x[0]);
        var bestMagnitude = zeros_like(x[0]);
        for (int n = 0; n < target.VoxelCount; n++)
        {
            using var step = NewDisposeScope();
            var derivative = autograd.grad([lesionLogits[n]], [x], retain_graph: n + 1 < target.VoxelCount)[0][0];
            var magnitude = derivative.abs();
            // Strictly larger replaces: the first voxel of Ω keeps a tie.
            var larger = magnitude.gt(bestMagnitude);
            best.copy_(where(larger, derivative, best));
            bestMagnitude.copy_(where(larger, magnitude, bestMagnitude));
        }
        return best.detach();
    }
}
