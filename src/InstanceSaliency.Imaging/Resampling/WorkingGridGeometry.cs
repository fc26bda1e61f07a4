using InstanceSaliency.Imaging.Geometry;

namespace InstanceSaliency.Imaging.Resampling;

/// <summary>
/// The grid a network works on for a scan: the FLAIR reoriented to the model's axis convention (exact), then,
/// when its voxel size differs from the model's spacing by more than <see cref="SpacingToleranceMm"/> on any
/// axis, a grid of that spacing over the same field of view:
/// <list type="bullet">
/// <item>axes: the directions of the reoriented FLAIR's axes (an oblique scan stays oblique; no world-box growth);</item>
/// <item>size along axis t: n_w = ⌈(n_r − 1) · s_r / s_w − 1e-6⌉ + 1, so the working voxel centres span at least
/// the native voxel centres ((n_r − 1) · s_r mm), with s_r the reoriented FLAIR's spacing, s_w the model's;</item>
/// <item>origin: chosen so both grids have the same world centre, A_r · (n_r − 1)/2 = A_w · (n_w − 1)/2.</item>
/// </list>
/// A 256×256×20 FLAIR of 0.9×0.9×6.8 mm onto 1 mm: 231×231×131 voxels. Both transforms of the working grid are
/// set to its affine with the FLAIR's code.
/// </summary>
public static class WorkingGridGeometry
{
    /// <summary>Spacings closer than this (mm) count as equal: the reoriented native grid is used as it is.</summary>
    public const double SpacingToleranceMm = 1e-3;

    /// <summary>The working grid of <paramref name="reoriented"/> (already in the model's axis convention) at <paramref name="spacingMm"/>.</summary>
    public static ImageGeometry Of(ImageGeometry reoriented, (double I, double J, double K) spacingMm)
    {
        ArgumentNullException.ThrowIfNull(reoriented);
        double[] target = [spacingMm.I, spacingMm.J, spacingMm.K];
        var a = reoriented.Affine;
        var (ri, rj, rk) = a.VoxelSizes();
        double[] native = [ri, rj, rk];
        if (Enumerable.Range(0, 3).All(t => Math.Abs(native[t] - target[t]) <= SpacingToleranceMm)) return reoriented;
        int[] n = [reoriented.Shape.I, reoriented.Shape.J, reoriented.Shape.K];
        var size = new int[3];
        for (int t = 0; t < 3; t++) size[t] = (int)Math.Ceiling((n[t] - 1) * native[t] / target[t] - 1e-6) + 1;
        var centre = a.Apply((n[0] - 1) / 2.0, (n[1] - 1) / 2.0, (n[2] - 1) / 2.0);
        var m = new double[16];
        double[] c = [centre.X, centre.Y, centre.Z];
        for (int row = 0; row < 3; row++)
        {
            double offset = c[row];
            for (int t = 0; t < 3; t++)
            {
                m[row * 4 + t] = a[row, t] / native[t] * target[t];
                offset -= m[row * 4 + t] * (size[t] - 1) / 2.0;
            }
            m[row * 4 + 3] = offset;
        }
        m[15] = 1;
        short code = reoriented.SformCode > 0 ? reoriented.SformCode : reoriented.QformCode > 0 ? reoriented.QformCode : (short)2;
        return ImageGeometry.FromAffine(new GridShape(size[0], size[1], size[2]), Affine.FromRowMajor(m), code)
            with { XyztUnits = reoriented.XyztUnits };
    }
}
