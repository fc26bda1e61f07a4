using InstanceSaliency.Models.Inference;

namespace InstanceSaliency.Models.Segmentation;

/// <summary>Options of <see cref="Segmenter"/> (method.md §3).</summary>
public sealed record SegmentationOptions
{
    /// <summary>Threshold τ on the lesion probability (mask = p &gt; τ); null uses the model's (sidecar <c>threshold</c>, 0.3).</summary>
    public double? Threshold
    {
        get;
        init => field = value is null or (> 0 and < 1) ? value : throw new ArgumentOutOfRangeException(nameof(Threshold), $"The threshold must be in (0, 1); got {value}.");
    }

    /// <summary>Sliding-window settings; the paper's by default.</summary>
    public SlidingWindowSettings Window { get; init; } = SlidingWindowSettings.Paper;
}
