using InstanceSaliency.Imaging.Geometry;
using InstanceSaliency.Imaging.Volumes;

namespace InstanceSaliency.Benchmarks;

/// <summary>Seeded stand-ins for lesion masks, for benchmarks that must run without the real data.</summary>
public static class SyntheticLesionMask
{
    /// <summary>A reproducible stand-in for a lesion mask: a few hundred small ellipsoids in a 182×218×182 grid.</summary>
    public static Volume<byte> PatientSized(int seed = 3, int blobs = 300)
    {
        var shape = new GridShape(182, 218, 182);
        var mask = Volume<byte>.Zeros(ImageGeometry.FromAffine(shape, Affine.Diagonal(1, 1, 1)));
        var random = new Random(seed);
        for (int b = 0; b < blobs; b++)
        {
            int ci = random.Next(20, 162), cj = random.Next(20, 198), ck = random.Next(20, 162);
            double ri = 0.5 + random.NextDouble() * 4, rj = 0.5 + random.NextDouble() * 4, rk = 0.5 + random.NextDouble() * 4;
            for (int k = (int)(ck - rk); k <= ck + rk; k++)
                for (int j = (int)(cj - rj); j <= cj + rj; j++)
                    for (int i = (int)(ci - ri); i <= ci + ri; i++)
                    {
                        double di = (i - ci) / ri, dj = (j - cj) / rj, dk = (k - ck) / rk;
                        if (di * di + dj * dj + dk * dk <= 1) mask[i, j, k] = 1;
                    }
        }
        return mask;
    }
}
