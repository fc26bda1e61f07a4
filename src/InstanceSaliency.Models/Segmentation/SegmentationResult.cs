using InstanceSaliency.Imaging.Volumes;

namespace InstanceSaliency.Models.Segmentation;

/// <summary>A segmentation on the input grid (same geometry as the FLAIR).</summary>
/// <param name="Probability">Lesion probability p = softmax(z)[1] per voxel (float32, 0…1).</param>
/// <param name="Mask">1 where p &gt; <paramref name="Threshold"/>, else 0.</param>
/// <param name="Threshold">The threshold τ applied.</param>
/// <param name="Windows">Sliding windows the network ran on.</param>
public sealed record SegmentationResult(Volume<float> Probability, Volume<byte> Mask, double Threshold, int Windows)
{
    /// <summary>What the network saw when it worked on another grid than the FLAIR's; null on the FLAIR's own grid.</summary>
    public WorkingScan? Working { get; init; }
}
