using InstanceSaliency.Imaging.Geometry;
using InstanceSaliency.Imaging.Volumes;

namespace InstanceSaliency.Imaging.Tests.Morphology;

/// <summary>Small masks for tests: explicit voxels, seeded random blobs, flips and axis permutations.</summary>
static class MaskBuilder
{
    public static ImageGeometry Grid(int i, int j, int k, double si = 1, double sj = 1, double sk = 1) =>
        ImageGeometry.FromAffine(new GridShape(i, j, k), Affine.Diagonal(si, sj, sk));

    public static Volume<byte> Mask(ImageGeometry geometry, params (int I, int J, int K)[] voxels)
    {
        var mask = Volume<byte>.Zeros(geometry);
        foreach (var (i, j, k) in voxels) mask[i, j, k] = 1;
        return mask;
    }

    /// <summary>Random ellipsoids plus salt noise: many face, edge and corner contacts.</summary>
    public static Volume<byte> Random(int seed, ImageGeometry geometry, int blobs = 6, double noise = 0.08)
    {
        var random = new Random(seed);
        var mask = Volume<byte>.Zeros(geometry);
        var s = geometry.Shape;
        for (int b = 0; b < blobs; b++)
        {
            double ci = random.NextDouble() * s.I, cj = random.NextDouble() * s.J, ck = random.NextDouble() * s.K;
            double ri = 0.6 + 2 * random.NextDouble(), rj = 0.6 + 2 * random.NextDouble(), rk = 0.6 + 2 * random.NextDouble();
            for (int k = 0; k < s.K; k++)
                for (int j = 0; j < s.J; j++)
                    for (int i = 0; i < s.I; i++)
                    {
                        double di = (i - ci) / ri, dj = (j - cj) / rj, dk = (k - ck) / rk;
                        if (di * di + dj * dj + dk * dk <= 1) mask[i, j, k] = 1;
                    }
        }
        for (int n = 0; n < mask.Voxels.Length; n++)
            if (random.NextDouble() < noise) mask.Voxels[n] = 1;
        return mask;
    }

    /// <summary>
    /// The mask with its axes permuted (output axis a takes input axis <paramref name="order"/>[a]) and then the
    /// output axes flagged in <paramref name="flip"/> reversed.
    /// </summary>
    public static Volume<byte> Transformed(Volume<byte> mask, int[] order, bool[] flip)
    {
        var s = mask.Shape;
        int[] sizes = [s.I, s.J, s.K];
        var output = Volume<byte>.Zeros(Grid(sizes[order[0]], sizes[order[1]], sizes[order[2]]));
        var o = output.Shape;
        for (int k = 0; k < s.K; k++)
            for (int j = 0; j < s.J; j++)
                for (int i = 0; i < s.I; i++)
                {
                    int[] source = [i, j, k];
                    int a = source[order[0]], b = source[order[1]], c = source[order[2]];
                    if (flip[0]) a = o.I - 1 - a;
                    if (flip[1]) b = o.J - 1 - b;
                    if (flip[2]) c = o.K - 1 - c;
                    output[a, b, c] = mask[i, j, k];
                }
        return output;
    }
}
