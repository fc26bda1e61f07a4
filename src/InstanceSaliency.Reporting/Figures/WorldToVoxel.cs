using InstanceSaliency.Imaging.Geometry;

namespace InstanceSaliency.Reporting.Figures;

/// <summary>The inverse of a voxel-to-world affine: world mm (x, y, z) to fractional voxel indices (i, j, k).</summary>
public sealed class WorldToVoxel
{
    readonly double[] _m = new double[12];

    /// <summary>Inverts the 3×3 part of <paramref name="affine"/> (refused when singular) and its translation.</summary>
    public WorldToVoxel(Affine affine)
    {
        ArgumentNullException.ThrowIfNull(affine);
        double a = affine[0, 0], b = affine[0, 1], c = affine[0, 2], d = affine[1, 0], e = affine[1, 1], f = affine[1, 2], g = affine[2, 0], h = affine[2, 1], k = affine[2, 2];
        double det = a * (e * k - f * h) - b * (d * k - f * g) + c * (d * h - e * g);
        if (Math.Abs(det) < 1e-12) throw new ArgumentException($"The affine {affine} is singular; it places no voxel in the world.", nameof(affine));
        double[] inv = [(e * k - f * h) / det, (c * h - b * k) / det, (b * f - c * e) / det,
                        (f * g - d * k) / det, (a * k - c * g) / det, (c * d - a * f) / det,
                        (d * h - e * g) / det, (b * g - a * h) / det, (a * e - b * d) / det];
        double tx = affine[0, 3], ty = affine[1, 3], tz = affine[2, 3];
        for (int r = 0; r < 3; r++)
        {
            _m[r * 4] = inv[r * 3]; _m[r * 4 + 1] = inv[r * 3 + 1]; _m[r * 4 + 2] = inv[r * 3 + 2];
            _m[r * 4 + 3] = -(inv[r * 3] * tx + inv[r * 3 + 1] * ty + inv[r * 3 + 2] * tz);
        }
    }

    /// <summary>Fractional voxel indices of the world point (x, y, z) mm.</summary>
    public (double I, double J, double K) Apply(double x, double y, double z) => (
        _m[0] * x + _m[1] * y + _m[2] * z + _m[3],
        _m[4] * x + _m[5] * y + _m[6] * z + _m[7],
        _m[8] * x + _m[9] * y + _m[10] * z + _m[11]);
}
