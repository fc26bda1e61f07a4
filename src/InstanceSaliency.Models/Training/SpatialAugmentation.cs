using static TorchSharp.torch;

namespace InstanceSaliency.Models.Training;

/// <summary>
/// Flips and 90° rotations of a cubic patch, the same for image [channel, i, j, k] and label [i, j, k]: each spatial
/// axis mirrored with probability <see cref="AugmentationOptions.FlipProbability"/>; with probability
/// <see cref="AugmentationOptions.Rotate90Probability"/> a rotation by k·90° (k = 1, 2, 3) in one of the three planes.
/// </summary>
static class SpatialAugmentation
{
    static readonly (long, long)[] Planes = [(1, 2), (1, 3), (2, 3)];

    /// <summary>The transformed pair (new tensors in the current dispose scope).</summary>
    public static (Tensor Image, Tensor Label) Apply(Random rng, Tensor image, Tensor label, AugmentationOptions options)
    {
        var axes = new List<long>();
        for (long axis = 1; axis <= 3; axis++)
            if (rng.NextDouble() < options.FlipProbability) axes.Add(axis);
        if (axes.Count > 0)
        {
            image = image.flip([.. axes]);
            label = label.flip([.. axes.Select(a => a - 1)]);
        }
        if (rng.NextDouble() < options.Rotate90Probability)
        {
            var (a, b) = Planes[rng.Next(Planes.Length)];
            int k = 1 + rng.Next(3);
            image = image.rot90(k, (a, b));
            label = label.rot90(k, (a - 1, b - 1));
        }
        return (image, label);
    }
}
