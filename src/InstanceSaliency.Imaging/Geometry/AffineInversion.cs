namespace InstanceSaliency.Imaging.Geometry;

/// <summary>The inverse of a voxel-to-world affine: world (mm) → voxel index.</summary>
public static class AffineInversion
{
    /// <summary>
    /// A⁻¹ for A = [R t; 0 1]: [R⁻¹ −R⁻¹·t; 0 1], R⁻¹ by cofactors in double precision. Fails for a singular
    /// 3×3 part (|det R| &lt; 1e-12 mm³), which no image that places voxels in space can have.
    /// </summary>
    public static Affine Inverse(this Affine affine)
    {
        ArgumentNullException.ThrowIfNull(affine);
        double a = affine[0, 0], b = affine[0, 1], c = affine[0, 2];
        double d = affine[1, 0], e = affine[1, 1], f = affine[1, 2];
        double g = affine[2, 0], h = affine[2, 1], i = affine[2, 2];
        double c00 = e * i - f * h, c01 = f * g - d * i, c02 = d * h - e * g;
        double det = a * c00 + b * c01 + c * c02;
        if (Math.Abs(det) < 1e-12)
            throw new ArgumentException($"The affine {affine} has a singular 3×3 part (determinant {det:G3}); it cannot be inverted.", nameof(affine));
        double[] r =
        [
            c00 / det, (c * h - b * i) / det, (b * f - c * e) / det,
            c01 / det, (a * i - c * g) / det, (c * d - a * f) / det,
            c02 / det, (b * g - a * h) / det, (a * e - b * d) / det,
        ];
        double tx = affine[0, 3], ty = affine[1, 3], tz = affine[2, 3];
        return Affine.FromRowMajor(
        [
            r[0], r[1], r[2], -(r[0] * tx + r[1] * ty + r[2] * tz),
            r[3], r[4], r[5], -(r[3] * tx + r[4] * ty + r[5] * tz),
            r[6], r[7], r[8], -(r[6] * tx + r[7] * ty + r[8] * tz),
            0, 0, 0, 1,
        ]);
    }
}
