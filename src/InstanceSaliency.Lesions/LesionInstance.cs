using InstanceSaliency.Imaging.Geometry;

namespace InstanceSaliency.Lesions;

/// <summary>
/// One lesion instance Ω (method.md §3): a connected component of the predicted mask (TP, FP or unlabelled) or of
/// the ground truth (FN), with the context method.md §7 reports for it.
/// </summary>
public sealed record LesionInstance
{
    /// <summary>
    /// Id as cli-contract.md numbers it: predicted instances 1..n by first voxel in storage order; missed (FN)
    /// ground-truth components n+1, n+2, ... in the same order.
    /// </summary>
    public required int Id { get; init; }

    /// <summary>Linear indices i + I·(j + J·k) of the voxels of Ω, increasing (storage order: the order of Ω in method.md §5).</summary>
    public required IReadOnlyList<int> VoxelIndices { get; init; }

    /// <summary>|Ω|, the number of voxels.</summary>
    public int VoxelCount => VoxelIndices.Count;

    /// <summary>|Ω| × voxel volume, in mm³.</summary>
    public required double VolumeMm3 { get; init; }

    /// <summary>Mean voxel coordinates (i, j, k) of Ω, in voxel units.</summary>
    public required (double I, double J, double K) CentroidVoxel { get; init; }

    /// <summary>The affine applied to <see cref="CentroidVoxel"/>: world (x, y, z) in mm.</summary>
    public required (double X, double Y, double Z) CentroidMm { get; init; }

    /// <summary>TP / FP / FN against a ground truth, or <see cref="LesionType.Unlabelled"/> without one.</summary>
    public LesionType Type { get; init; } = LesionType.Unlabelled;

    /// <summary>The instance made of <paramref name="voxelIndices"/> (increasing linear indices) on <paramref name="geometry"/>.</summary>
    public static LesionInstance FromVoxels(int id, int[] voxelIndices, ImageGeometry geometry, LesionType type = LesionType.Unlabelled)
    {
        ArgumentNullException.ThrowIfNull(voxelIndices);
        ArgumentNullException.ThrowIfNull(geometry);
        if (voxelIndices.Length == 0)
            throw new ArgumentException($"Lesion {id} has no voxels; an instance needs at least one.", nameof(voxelIndices));
        var shape = geometry.Shape;
        double si = 0, sj = 0, sk = 0;
        foreach (int index in voxelIndices)
        {
            var (i, j, k) = shape.Coordinates(index);
            si += i; sj += j; sk += k;
        }
        int n = voxelIndices.Length;
        var centroid = (si / n, sj / n, sk / n);
        return new LesionInstance
        {
            Id = id,
            VoxelIndices = voxelIndices,
            VolumeMm3 = n * geometry.VoxelVolumeMm3,
            CentroidVoxel = centroid,
            CentroidMm = geometry.Affine.Apply(centroid.Item1, centroid.Item2, centroid.Item3),
            Type = type,
        };
    }
}
