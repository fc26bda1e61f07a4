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
        long I = ni, J = nj, K = nk;
        for (long k = 0; k < K; k++)
            for (long j = 0; j < J; j++)
                for (long i = 0; i < I; i++)
                {
                    long a = 2 * i - I + 1, b = 2 * j - J + 1, c = 2 * k - K + 1;
                    bool inside = 100 * (a * a * J * J * K * K + b * b * I * I * K * K + c * c * I * I * J * J) <= 81 * I * I * J * J * K * K;
                    if (!inside) continue;
                    flair[(int)i, (int)j, (int)k] = ((i * 7 + j * j * 3 + k * 11 + i * k) % 29) * 0.25f + 1f;
                    t1[(int)i, (int)j, (int)k] = ((i * i * 5 + j * 13 + k * k * 2 + j * k) % 31) * 0.5f;
                }
        return (flair, t1);
    }
}
