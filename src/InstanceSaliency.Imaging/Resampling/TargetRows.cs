using InstanceSaliency.Imaging.Geometry;

namespace InstanceSaliency.Imaging.Resampling;

/// <summary>
/// The loop every resampler shares: target slices k in parallel (Parallel.For), rows j in order, and along a
/// row the source coordinate s(i) = s(0, j, k) + i · M[:, 0] — one multiply-add per axis per voxel instead of a
/// matrix product. Each output voxel is written by exactly one iteration, so results do not depend on threads.
/// </summary>
static class TargetRows
{
    /// <summary>One row of the target: its first output index, source coordinates of voxel 0, and the step per voxel.</summary>
    public readonly record struct Row(long OutputIndex, double X0, double Y0, double Z0, double Dx, double Dy, double Dz, int Length);

    /// <summary>Calls <paramref name="row"/> once for every (j, k) row of <paramref name="target"/>.</summary>
    public static void ForEach(GridShape target, VoxelMapping mapping, Action<Row> row)
    {
        var (dx, dy, dz) = mapping.Step(0);
        Parallel.For(0, target.K, k =>
        {
            for (int j = 0; j < target.J; j++)
            {
                var (x0, y0, z0) = mapping.Apply(0, j, k);
                row(new Row(target.Index(0, j, k), x0, y0, z0, dx, dy, dz, target.I));
            }
        });
    }
}
