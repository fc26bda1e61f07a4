using InstanceSaliency.Imaging.Volumes;

namespace InstanceSaliency.Lesions;

/// <summary>
/// Everything `ies lesions` reports (cli-contract.md): the predicted instances, and with a ground truth the
/// missed (FN) components and the metrics; plus the label volumes to write.
/// </summary>
public sealed record LesionReport
{
    /// <summary>The options the instances were found with.</summary>
    public required LesionInstanceOptions Options { get; init; }

    /// <summary>Predicted instances, ids 1..n; TP/FP with a ground truth, else unlabelled.</summary>
    public required IReadOnlyList<LesionInstance> Lesions { get; init; }

    /// <summary>The JSON <c>count</c>: number of predicted instances.</summary>
    public int Count => Lesions.Count;

    /// <summary>FN ground-truth components, ids n+1, n+2, ...; empty without a ground truth.</summary>
    public IReadOnlyList<LesionInstance> Missed { get; init; } = [];

    /// <summary>Metrics of method.md §3; null without a ground truth.</summary>
    public SegmentationMetrics? Metrics { get; init; }

    /// <summary>True when a ground truth was given (the JSON then has <c>type</c>, <c>missed</c> and <c>metrics</c>).</summary>
    public bool HasTruth => Metrics is not null;

    /// <summary>Label volume of the predicted instances (labels.nii.gz; write with <see cref="LabelVoxelType"/>).</summary>
    public required Volume<int> Labels { get; init; }

    /// <summary>Label volume of the missed components (missed.nii.gz); null without a ground truth.</summary>
    public Volume<int>? MissedLabels { get; init; }

    /// <summary>The narrowest type that holds every id of <see cref="Labels"/> and <see cref="MissedLabels"/>.</summary>
    public LabelVoxelType LabelVoxelType => LabelMaps.NarrowestType(Count + Missed.Count);
}
