using InstanceSaliency.Imaging.Geometry;

namespace InstanceSaliency.Lesions;

/// <summary>
/// The bounding box of a lesion padded by ⌈reach / s_a⌉ + 1 voxels along each axis a (s = voxel size in mm) and
/// clipped to the grid: every voxel within <c>reach</c> mm of the lesion is inside it.
/// </summary>
readonly record struct RingBox(int I0, int J0, int K0, GridShape Shape)
{
    public static RingBox Around(ImageGeometry geometry, IReadOnlyList<int> voxels, double reachMm)
    {
        var shape = geometry.Shape;
        int minI = int.MaxValue, minJ = int.MaxValue, minK = int.MaxValue, maxI = -1, maxJ = -1, maxK = -1;
        foreach (int index in voxels)
        {
            var (i, j, k) = shape.Coordinates(index);
            minI = Math.Min(minI, i); maxI = Math.Max(maxI, i);
            minJ = Math.Min(minJ, j); maxJ = Math.Max(maxJ, j);
            minK = Math.Min(minK, k); maxK = Math.Max(maxK, k);
        }
        var (si, sj, sk) = geometry.VoxelSizeMm;
        int pi = Pad(si), pj = Pad(sj), pk = Pad(sk);
        int i0 = Math.Max(0, minI - pi), j0 = Math.Max(0, minJ - pj), k0 = Math.Max(0, minK - pk);
        int i1 = Math.Min(shape.I - 1, maxI + pi), j1 = Math.Min(shape.J - 1, maxJ + pj), k1 = Math.Min(shape.K - 1, maxK + pk);
        return new RingBox(i0, j0, k0, new GridShape(i1 - i0 + 1, j1 - j0 + 1, k1 - k0 + 1));

        int Pad(double size) => size > 0 ? (int)Math.Min(int.MaxValue / 4, Math.Ceiling(reachMm / size)) + 1 : int.MaxValue / 4;
    }
}
