using InstanceSaliency.Imaging.Geometry;
using InstanceSaliency.Imaging.Volumes;

namespace InstanceSaliency.TestSupport;

/// <summary>
/// A toy brain on a 1 mm grid: an ellipsoid of "grey matter" (T1 ≈ 1, FLAIR ≈ 1.2) around a central sphere of
/// "white matter" (T1 ≈ 3, FLAIR ≈ 1), each with a small deterministic texture so the white-matter SD is not 0
/// (enough normal-appearing white matter for synthetic lesions).
/// </summary>
public static class ToyBrain
{
    public static (Volume<float> Flair, Volume<float> T1) Make(int ni, int nj, int nk)
    {
        var geometry = ImageGeometry.FromAffine(new GridShape(ni, nj, nk), Affine.Identity);
        var flair = Volume<float>.Zeros(geometry);
        var t1 = Volume<float>.Zeros(geometry);
        for (int k = 0; k < nk; k++)
            for (int j = 0; j < nj; j++)
                for (int i = 0; i < ni; i++)
                {
                    double a = (i - (ni - 1) / 2.0) / (ni * 0.46), b = (j - (nj - 1) / 2.0) / (nj * 0.46), c = (k - (nk - 1) / 2.0) / (nk * 0.46);
                    double rho = Math.Sqrt(a * a + b * b + c * c);
                    if (rho > 1) continue;
                    float texture = ((i * 7 + j * 3 + k * 5) % 5) * 0.05f;
                    bool white = rho < 0.7;
                    flair[i, j, k] = (white ? 1.0f : 1.2f) + texture;
                    t1[i, j, k] = (white ? 3.0f : 1.0f) + texture;
                }
        return (flair, t1);
    }
}
