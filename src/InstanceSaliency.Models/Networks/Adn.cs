using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace InstanceSaliency.Models.Networks;

/// <summary>
/// MONAI's <c>ADN</c> block with ordering "NDA": a Sequential whose children are named <c>N</c> (norm) and
/// <c>A</c> (PReLU), so checkpoints carry <c>adn.N.weight</c>, <c>adn.N.running_mean</c>, <c>adn.A.weight</c>.
/// MONAI's <c>D</c> (dropout 0) has no parameters and is the identity in evaluation: it is left out.
/// </summary>
static class Adn
{
    public static Sequential Create(int channels, NormKind norm) => Sequential(
        ("N", norm switch
        {
            NormKind.Batch => (Module<Tensor, Tensor>)BatchNorm3d(channels),
            NormKind.Instance => InstanceNorm3d(channels),
            _ => throw new ArgumentOutOfRangeException(nameof(norm), norm, "Unknown normalisation."),
        }),
        ("A", PReLU(1, 0.25)));
}
