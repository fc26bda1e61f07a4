using InstanceSaliency.Imaging.Geometry;

namespace InstanceSaliency.Imaging.Resampling;

/// <summary>
/// Trilinear interpolation at one source coordinate, as scipy's order-1 spline:
/// f(c) = Σ over the 8 corners of Π_axis (1 − |c_a − corner_a|) · value, computed in double.
/// </summary>
static class TrilinearKernel
{
    /// <summary>The interpolated value at (x, y, z) in source voxels, or 0 outside (<see cref="SamplingBoundary"/>).</summary>
    public static double Sample(float[] source, GridShape shape, double x, double y, double z)
    {
        x = SamplingBoundary.Snap(x);
        y = SamplingBoundary.Snap(y);
        z = SamplingBoundary.Snap(z);
        if (!SamplingBoundary.Inside(x, shape.I) || !SamplingBoundary.Inside(y, shape.J) || !SamplingBoundary.Inside(z, shape.K))
            return 0;
        int i = Math.Min((int)x, shape.I - 2), j = Math.Min((int)y, shape.J - 2), k = Math.Min((int)z, shape.K - 2);
        double fx = x - i, fy = y - j, fz = z - k;
        long rowJ = shape.I, sliceK = (long)shape.I * shape.J;
        long n = shape.Index(i, j, k), m = n + sliceK;
        // Corners in double before any arithmetic: a float difference would round, and a copy at fx = 1 would not be exact.
        double v000 = source[n], v100 = source[n + 1], v010 = source[n + rowJ], v110 = source[n + rowJ + 1];
        double v001 = source[m], v101 = source[m + 1], v011 = source[m + rowJ], v111 = source[m + rowJ + 1];
        return Blend(v000, v100, v010, v110, v001, v101, v011, v111, fx, fy, fz);
    }

    /// <summary>
    /// The 8 corner values (v_ijk, i fastest) blended with the fractions along i, j, k, in the order both resampling
    /// paths use (i, then j, then k), so the row fast path gives the same bytes as <see cref="Sample"/>.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static double Blend(double v000, double v100, double v010, double v110, double v001, double v101, double v011, double v111,
        double fx, double fy, double fz)
    {
        double c00 = v000 + fx * (v100 - v000);
        double c10 = v010 + fx * (v110 - v010);
        double c01 = v001 + fx * (v101 - v001);
        double c11 = v011 + fx * (v111 - v011);
        double c0 = c00 + fy * (c10 - c00);
        double c1 = c01 + fy * (c11 - c01);
        return c0 + fz * (c1 - c0);
    }
}
