using static TorchSharp.torch;

namespace InstanceSaliency.Saliency.Noise;

/// <summary>
/// Seeded Gaussian noise ε ~ N(0, 1) for every voxel of every channel of the padded input, defined voxel by
/// voxel: the value at (sample n, channel c, i, j, k) depends only on the seed and those coordinates (a
/// SplitMix64 hash of them, then Box–Muller, whose two normals go to the voxels with flat indices 2m and 2m + 1 of
/// the whole grid). Any region of the grid therefore gets exactly the noise the whole
/// volume would get there, so crops and the full volume see the same noisy input (method.md §4–5), and the same
/// seed gives the same bytes on any machine.
/// </summary>
public sealed class VoxelNoise(long seed, (long D, long H, long W) grid)
{
    /// <summary>The seed.</summary>
    public long Seed { get; } = seed;

    /// <summary>
    /// Gaussian noise of standard deviation <paramref name="sigma"/> (1 by default), [1, channels, d, h, w], for
    /// sample <paramref name="sample"/> over <paramref name="region"/>. Scaled here, in managed code, so no
    /// tensor-scalar operation (whose implicit Scalar TorchSharp leaves to the finaliser) runs in the hot loop.
    /// </summary>
    public Tensor Sample(int sample, int channels, Targets.VoxelBox region, Device device, double sigma = 1)
    {
        int d = region.SizeI, h = region.SizeJ, w = region.SizeK;
        var values = new float[(long)channels * d * h * w];
        ulong sampleKey = Mix((ulong)Seed ^ Mix(0x9E3779B97F4A7C15UL * (ulong)(sample + 1)));
        Parallel.For(0, channels * d, plane =>
        {
            int c = plane / d, i = plane % d;
            long offset = (long)plane * h * w;
            for (int j = 0; j < h; j++)
            {
                long globalRow = (((long)c * grid.D + region.I0 + i) * grid.H + region.J0 + j) * grid.W + region.K0;
                long rowOffset = offset + (long)j * w;
                for (int k = 0; k < w;)
                {
                    long voxel = globalRow + k;
                    var (even, odd) = NormalPair(sampleKey, (ulong)(voxel >> 1));
                    if ((voxel & 1) == 0)
                    {
                        values[rowOffset + k] = (float)(sigma * even);
                        if (k + 1 < w) values[rowOffset + k + 1] = (float)(sigma * odd);
                        k += 2;
                    }
                    else
                    {
                        values[rowOffset + k] = (float)(sigma * odd);
                        k += 1;
                    }
                }
            }
        });
        return tensor(values, [1, channels, d, h, w], device: device);
    }

    /// <summary>
    /// Two independent N(0, 1) values from two hashed uniforms (Box–Muller: r·cos θ and r·sin θ), for the voxels with
    /// flat indices 2·<paramref name="pair"/> and 2·<paramref name="pair"/> + 1: one logarithm and two hashes per
    /// two voxels, which matters because the noise is drawn anew for every lesion's crop.
    /// </summary>
    static (double Even, double Odd) NormalPair(ulong sampleKey, ulong pair)
    {
        ulong a = Mix(sampleKey ^ Mix(pair * 2 + 1));
        ulong b = Mix(sampleKey ^ Mix(pair * 2 + 2));
        double u1 = ((a >> 11) + 1) * (1.0 / 9007199254740992.0); // (0, 1]
        double u2 = (b >> 11) * (1.0 / 9007199254740992.0);       // [0, 1)
        double r = Math.Sqrt(-2.0 * Math.Log(u1));
        var (sin, cos) = Math.SinCos(2.0 * Math.PI * u2);
        return (r * cos, r * sin);
    }

    /// <summary>SplitMix64's finaliser: a bijective 64-bit mix.</summary>
    static ulong Mix(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
