using InstanceSaliency.Imaging.Geometry;
using InstanceSaliency.Imaging.Volumes;

namespace InstanceSaliency.Lesions;

/// <summary>Label volumes of lesion instances: each voxel holds the id of its instance, 0 elsewhere.</summary>
public static class LabelMaps
{
    /// <summary>
    /// A label volume on <paramref name="geometry"/> painted with <paramref name="lesions"/> (e.g. the missed FN
    /// components for missed.nii.gz). Instances must not overlap: a voxel claimed twice is an error.
    /// </summary>
    public static Volume<int> Paint(ImageGeometry geometry, IEnumerable<LesionInstance> lesions)
    {
        ArgumentNullException.ThrowIfNull(geometry);
        ArgumentNullException.ThrowIfNull(lesions);
        var labels = new int[geometry.Shape.VoxelCount];
        foreach (var lesion in lesions)
            foreach (int index in lesion.VoxelIndices)
            {
                if (labels[index] != 0)
                    throw new ArgumentException(
                        $"Voxel {index} belongs to lesions {labels[index]} and {lesion.Id}; instances of one label map must not overlap.",
                        nameof(lesions));
                labels[index] = lesion.Id;
            }
        return new Volume<int>(labels, geometry);
    }

    /// <summary>The narrowest NIfTI voxel type that holds ids up to <paramref name="largestId"/>.</summary>
    public static LabelVoxelType NarrowestType(int largestId) => largestId switch
    {
        < 0 => throw new ArgumentOutOfRangeException(nameof(largestId), $"Lesion ids are ≥ 0; got {largestId}."),
        <= byte.MaxValue => LabelVoxelType.UInt8,
        <= short.MaxValue => LabelVoxelType.Int16,
        _ => LabelVoxelType.Int32,
    };
}
