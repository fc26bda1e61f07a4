using InstanceSaliency.Imaging.Geometry;
using InstanceSaliency.Imaging.Morphology;
using InstanceSaliency.Imaging.Volumes;

namespace InstanceSaliency.Lesions;

/// <summary>
/// The rings of method.md §7 around a lesion Ω: R_k = {v ∉ Ω : k − 1 &lt; d(v) ≤ k}, k = 1..K (K = 10 by default),
/// with d(v) the Euclidean distance in mm from v's centre to the nearest voxel centre of Ω, voxel sizes respected
/// (<see cref="EuclideanDistanceTransform"/>).
/// </summary>
public sealed class LesionRings
{
    /// <summary>Rings per lesion in method.md §7.</summary>
    public const int DefaultRingCount = 10;

    /// <summary>Width of each ring in mm (method.md §7: R_k covers distances in (k − 1, k] mm).</summary>
    public const double RingWidthMm = 1.0;

    readonly int[][] _rings;

    LesionRings(int[][] rings) => _rings = rings;

    /// <summary>Number of rings K.</summary>
    public int Count => _rings.Length;

    /// <summary>Linear voxel indices of ring <paramref name="k"/> (1..K), increasing (storage order).</summary>
    public IReadOnlyList<int> Ring(int k)
    {
        if (k < 1 || k > _rings.Length)
            throw new ArgumentOutOfRangeException(nameof(k), $"Rings are numbered 1..{_rings.Length}; got {k}.");
        return _rings[k - 1];
    }

    /// <summary>The rings around the voxels <paramref name="lesionVoxels"/> (linear indices) of a grid.</summary>
    public static LesionRings Around(ImageGeometry geometry, IReadOnlyList<int> lesionVoxels, int ringCount = DefaultRingCount)
    {
        ArgumentNullException.ThrowIfNull(geometry);
        ArgumentNullException.ThrowIfNull(lesionVoxels);
        if (lesionVoxels.Count == 0)
            throw new ArgumentException("A lesion needs at least one voxel to have rings around it.", nameof(lesionVoxels));
        if (ringCount < 1)
            throw new ArgumentOutOfRangeException(nameof(ringCount), $"The number of rings must be ≥ 1; got {ringCount}.");

        // Exactness of the crop: the distance transform of the box is the minimum over the foreground voxels of
        // the box, and all of Ω is inside it, so d is exact for every voxel of the box. A voxel outside the box is
        // more than ⌈K·w / s_a⌉ + 1 voxels from Ω along some axis a, i.e. farther than K·w mm: in no ring.
        var box = RingBox.Around(geometry, lesionVoxels, ringCount * RingWidthMm);
        var shape = geometry.Shape;
        var local = new byte[box.Shape.VoxelCount];
        foreach (int index in lesionVoxels)
        {
            var (i, j, k) = shape.Coordinates(index);
            local[box.Shape.Index(i - box.I0, j - box.J0, k - box.K0)] = 1;
        }
        var boxGeometry = geometry.Reframed(box.Shape, box.I0, box.J0, box.K0);
        var distances = EuclideanDistanceTransform.DistanceToForegroundMm(new Volume<byte>(local, boxGeometry)).Voxels;

        var rings = Enumerable.Range(0, ringCount).Select(_ => new List<int>()).ToArray();
        int n = 0;
        // The box is walked in its own storage order, which is increasing storage order of the full grid too.
        for (int k = 0; k < box.Shape.K; k++)
            for (int j = 0; j < box.Shape.J; j++)
                for (int i = 0; i < box.Shape.I; i++, n++)
                {
                    double d = distances[n];
                    if (d <= 0) continue; // Ω itself
                    int ring = (int)Math.Ceiling(d / RingWidthMm);
                    if (ring <= ringCount)
                        rings[ring - 1].Add((int)shape.Index(i + box.I0, j + box.J0, k + box.K0));
                }
        return new LesionRings(rings.Select(r => r.ToArray()).ToArray());
    }
}
