using InstanceSaliency.Imaging.Geometry;
using InstanceSaliency.Imaging.Volumes;

namespace InstanceSaliency.TestSupport;

/// <summary>
/// synthetic_case of tools/reference/models_reference.py: FLAIR and T1 on an identity-affine grid, zero outside an
/// ellipsoid; integer formulas, so C# and Python get identical voxels.
/// </summary>
public static class SyntheticScan
{
    public static (Volume<float> Flair, Volume<float> T1) Ellipsoid(int ni, int nj, int nk)
    {
        var shape = new GridShape(ni, nj, nk);
        var geometry = ImageGeometry.FromAffine(shape, Affine.Identity);
        var flair = Volume<float>.Zeros(geometry);
        var t1 = Volume<float>.Zeros(geometry);
        long li = ni, lj = nj, lk = nk;
        for (long k = 0; k < lk; k++)
            for (long j = 0; j < lj; j++)
                for (long i = 0; i < li; i++)
                {
                    long a = 2 * i - li + 1, b = 2 * j - lj + 1, c = 2 * k - lk + 1;
                    bool inside = 100 * (a * a * lj * lj * lk * lk + b * b * li * li * lk * lk + c * c * li * li * lj * lj) <= 81 * li * li * lj * lj * lk * lk;
                    if (!inside) continue;
                    flair[(int)i, (int)j, (int)k] = ((i * 7 + j * j * 3 + k * 11 + i * k) % 29) * 0.25f + 1f;
                    t1[(int)i, (int)j, (int)k] = ((i * i * 5 + j * 13 + k * k * 2 + j * k) % 31) * 0.5f;
                }
        return (flair, t1);
    }
}
