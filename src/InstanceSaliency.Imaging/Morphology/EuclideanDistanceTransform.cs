using InstanceSaliency.Imaging.Volumes;

namespace InstanceSaliency.Imaging.Morphology;

/// <summary>
/// The exact Euclidean distance transform in millimetres (method.md §7): for every voxel v, the distance from
/// v's centre to the centre of the nearest foreground voxel, d(v) = min_{u &gt; 0} √(Σ_a ((v_a − u_a)·s_a)²) with
/// s = (s_i, s_j, s_k) the voxel sizes in mm along i, j, k (<see cref="Geometry.ImageGeometry.VoxelSizeMm"/>). 0 on
/// foreground. The same numbers as <c>scipy.ndimage.distance_transform_edt(~mask, sampling=(s_i, s_j, s_k))</c>
/// on the array indexed [i, j, k].
/// </summary>
/// <remarks>
/// Separable: squared distances are exact after one Felzenszwalb–Huttenlocher lower-envelope pass along i, then
/// j, then k (<see cref="LowerEnvelope"/>), O(voxels) in total. Lines of a pass are independent and run in
/// parallel on large grids. Voxel sizes are the affine's column norms, i.e. the axes are taken as orthogonal;
/// sheared affines are not corrected for (nor does scipy's <c>sampling</c>).
/// </remarks>
public static class EuclideanDistanceTransform
{
    /// <summary>Below this many voxels the passes run on one thread: parallel overhead would dominate.</summary>
    const int ParallelFromVoxels = 1 << 16;

    /// <summary>
    /// Distances in mm from every voxel to the nearest voxel &gt; 0 of <paramref name="foreground"/>, on its grid.
    /// With no foreground voxel at all every distance is +∞.
    /// </summary>
    public static Volume<double> DistanceToForegroundMm(Volume<byte> foreground)
    {
        ArgumentNullException.ThrowIfNull(foreground);
        var squared = SquaredDistancesMm2(foreground);
        for (int n = 0; n < squared.Length; n++) squared[n] = Math.Sqrt(squared[n]);
        return foreground.WithVoxels(squared);
    }

    /// <summary>Squared distances in mm² (as <see cref="DistanceToForegroundMm"/> before the square root).</summary>
    public static double[] SquaredDistancesMm2(Volume<byte> foreground)
    {
        ArgumentNullException.ThrowIfNull(foreground);
        var shape = foreground.Shape;
        int ni = shape.I, nj = shape.J, nk = shape.K;
        var (si, sj, sk) = foreground.Geometry.VoxelSizeMm;
        var source = foreground.Voxels;
        var values = new double[source.Length];
        for (int n = 0; n < source.Length; n++) values[n] = source[n] != 0 ? 0.0 : double.PositiveInfinity;

        bool parallel = values.Length >= ParallelFromVoxels;
        // Along i: lines are rows (j, k); along j: lines (i, k); along k: lines (i, j).
        Pass(values, ni, nj * nk, line => line * ni, 1, si, parallel);
        Pass(values, nj, ni * nk, line => line % ni + ni * nj * (line / ni), ni, sj, parallel);
        Pass(values, nk, ni * nj, line => line, ni * nj, sk, parallel);
        return values;
    }

    static void Pass(double[] values, int length, int lineCount, Func<int, int> lineStart, int stride, double spacing, bool parallel)
    {
        if (!parallel)
        {
            var envelope = new LowerEnvelope(length);
            for (int line = 0; line < lineCount; line++) envelope.Transform(values, lineStart(line), stride, spacing);
            return;
        }
        Parallel.For(0, lineCount,
            () => new LowerEnvelope(length),
            (line, _, envelope) =>
            {
                envelope.Transform(values, lineStart(line), stride, spacing);
                return envelope;
            },
            _ => { });
    }
}
