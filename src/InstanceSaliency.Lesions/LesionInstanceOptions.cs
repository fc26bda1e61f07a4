using InstanceSaliency.Imaging.Morphology;

namespace InstanceSaliency.Lesions;

/// <summary>How a binary mask is split into lesion instances (method.md §3).</summary>
public sealed record LesionInstanceOptions
{
    /// <summary>The smallest instance `ies lesions` reports by default (cli-contract.md): every component.</summary>
    public const int DefaultMinimumVoxels = 1;

    /// <summary>The smallest instance that is explained by default (method.md §3: components of ≤ 5 voxels are not).</summary>
    public const int ExplanationMinimumVoxels = 6;

    /// <summary>Neighbourhood of a component; 18 (faces and edges) as the paper.</summary>
    public Connectivity Connectivity { get; init; } = Connectivity.Default;

    /// <summary>Components with fewer voxels are dropped and the rest renumbered 1..n in first-voxel order.</summary>
    public int MinimumVoxels
    {
        get;
        init => field = value >= 0 ? value : throw new ArgumentOutOfRangeException(
            nameof(MinimumVoxels), $"The minimum lesion size must be ≥ 0 voxels; got {value}.");
    } = DefaultMinimumVoxels;

    /// <summary>The options of `ies explain`: 18-connectivity, at least 6 voxels.</summary>
    public static LesionInstanceOptions ForExplanation { get; } = new() { MinimumVoxels = ExplanationMinimumVoxels };
}
