namespace InstanceSaliency.Models.Training;

/// <summary>
/// Separable Gaussian smoothing of a voxel buffer (i fastest): kernel exp(−x²/(2σ²)) truncated at 3σ and normalised
/// to sum 1 on each axis, σ in voxels per axis (σ_mm / voxel size); zero padding outside the grid, as a scanner
/// with a wider point-spread function would see the background.
/// </summary>
public static class GaussianBlur
{
    /// <summary>A blurred copy of <paramref name="voxels"/> with shape (<paramref name="ni"/>, <paramref name="nj"/>, <paramref name="nk"/>).</summary>
    public static float[] Apply(float[] voxels, int ni, int nj, int nk, (double I, double J, double K) sigmaVoxels)
    {
        ArgumentNullException.ThrowIfNull(voxels);
        if ((long)ni * nj * nk != voxels.LongLength)
            throw new ArgumentException($"The buffer holds {voxels.LongLength} voxels, not {ni}×{nj}×{nk}.", nameof(voxels));
        var a = (float[])voxels.Clone();
        var b = new float[a.Length];
        Pass(a, b, ni, nj * nk, 1, ni, sigmaVoxels.I);
        Pass(b, a, nj, nk, ni, ni, sigmaVoxels.J, innerRepeat: ni);
        Pass(a, b, nk, 1, ni * nj, ni * nj, sigmaVoxels.K, innerRepeat: ni * nj);
        return b;
    }

    // Lines of length `length` with element stride `stride`; `lines`·`innerRepeat` lines start at
    // o·lineStride + r for o < lines, r < innerRepeat (so every axis is one call).
    static void Pass(float[] input, float[] output, int length, int lines, int stride, int lineStride, double sigma, int innerRepeat = 1)
    {
        if (sigma <= 0) { Array.Copy(input, output, input.Length); return; }
        int radius = Math.Max(1, (int)Math.Ceiling(3 * sigma));
        var kernel = new double[2 * radius + 1];
        double total = 0;
        for (int x = -radius; x <= radius; x++) total += kernel[x + radius] = Math.Exp(-x * x / (2 * sigma * sigma));
        for (int x = 0; x < kernel.Length; x++) kernel[x] /= total;
        int outer = innerRepeat == 1 ? lines : input.Length / (length * innerRepeat);
        for (int o = 0; o < outer; o++)
            for (int r = 0; r < innerRepeat; r++)
            {
                long start = innerRepeat == 1 ? (long)o * lineStride : (long)o * length * innerRepeat + r;
                for (int x = 0; x < length; x++)
                {
                    double sum = 0;
                    int from = Math.Max(-radius, -x), to = Math.Min(radius, length - 1 - x);
                    for (int d = from; d <= to; d++) sum += kernel[d + radius] * input[start + (long)(x + d) * stride];
                    output[start + (long)x * stride] = (float)sum;
                }
            }
    }
}
