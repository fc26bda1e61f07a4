using InstanceSaliency.Imaging.Morphology;
using InstanceSaliency.Imaging.Volumes;

namespace InstanceSaliency.Lesions;

/// <summary>Lesion instances of a binary mask: its connected components (method.md §3).</summary>
public static class LesionExtraction
{
    /// <summary>
    /// The components of <paramref name="mask"/> (voxels &gt; 0) under <c>options.Connectivity</c> with at least
    /// <c>options.MinimumVoxels</c> voxels, numbered 1..n by first voxel in storage order (cli-contract.md),
    /// all <see cref="LesionType.Unlabelled"/>; and their label volume.
    /// </summary>
    public static LesionInstanceSet Extract(Volume<byte> mask, LesionInstanceOptions options)
    {
        ArgumentNullException.ThrowIfNull(mask);
        ArgumentNullException.ThrowIfNull(options);
        var components = ConnectedComponents.Label(mask, options.Connectivity).KeepingAtLeast(options.MinimumVoxels);
        return FromComponents(components, firstId: 1, LesionType.Unlabelled);
    }

    /// <summary>One instance per component, with ids firstId, firstId + 1, ... in component order.</summary>
    internal static LesionInstanceSet FromComponents(ComponentLabels components, int firstId, LesionType type)
    {
        var voxels = components.VoxelIndices();
        var geometry = components.Labels.Geometry;
        var lesions = new LesionInstance[voxels.Length];
        for (int c = 0; c < voxels.Length; c++)
            lesions[c] = LesionInstance.FromVoxels(firstId + c, voxels[c], geometry, type);
        return new LesionInstanceSet(lesions, components.Labels);
    }
}
