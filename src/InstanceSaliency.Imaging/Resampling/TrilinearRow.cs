using InstanceSaliency.Imaging.Geometry;

namespace InstanceSaliency.Imaging.Resampling;

/// <summary>
/// One target row of trilinear samples. When the row runs along a source axis — its j and k source coordinates
/// drift by less than <see cref="AlignedDriftVoxels"/> over the row, as for a scan and its reoriented or
/// rescaled working grid, or a T1 stored flipped — the j/k weights and the four source rows are computed once
/// per row and only i varies; the arithmetic per voxel is <see cref="TrilinearKernel.Blend"/>, as there, in the same
/// order. Any other row (oblique grids) samples voxel by voxel.
/// </summary>
static class TrilinearRow
{
    /// <summary>Largest drift (source voxels) of the j and k coordinates along a row that still counts as constant.</summary>
    public const double AlignedDriftVoxels = 1e-9;

    public static void Sample(float[] source, GridShape shape, TargetRows.Row row, float[] output)
    {
        double drift = Math.Max(Math.Abs(row.Dy), Math.Abs(row.Dz)) * row.Length;
        if (drift >= AlignedDriftVoxels)
        {
            for (int i = 0; i < row.Length; i++)
                output[row.OutputIndex + i] = (float)TrilinearKernel.Sample(source, shape, row.X0 + i * row.Dx, row.Y0 + i * row.Dy, row.Z0 + i * row.Dz);
            return;
        }
        double y = SamplingBoundary.Snap(row.Y0), z = SamplingBoundary.Snap(row.Z0);
        if (!SamplingBoundary.Inside(y, shape.J) || !SamplingBoundary.Inside(z, shape.K)) return; // output is already 0
        int j = Math.Min((int)y, shape.J - 2), k = Math.Min((int)z, shape.K - 2);
        double fy = y - j, fz = z - k;
        long n00 = shape.Index(0, j, k), n10 = n00 + shape.I, n01 = n00 + (long)shape.I * shape.J, n11 = n01 + shape.I;
        var src = source.AsSpan();
        for (int i = 0; i < row.Length; i++)
        {
            double x = SamplingBoundary.Snap(row.X0 + i * row.Dx);
            if (!SamplingBoundary.Inside(x, shape.I)) continue;
            int a = Math.Min((int)x, shape.I - 2);
            double fx = x - a;
            double v000 = src[(int)(n00 + a)], v100 = src[(int)(n00 + a + 1)], v010 = src[(int)(n10 + a)], v110 = src[(int)(n10 + a + 1)];
            double v001 = src[(int)(n01 + a)], v101 = src[(int)(n01 + a + 1)], v011 = src[(int)(n11 + a)], v111 = src[(int)(n11 + a + 1)];
            output[row.OutputIndex + i] = (float)TrilinearKernel.Blend(v000, v100, v010, v110, v001, v101, v011, v111, fx, fy, fz);
        }
    }
}
