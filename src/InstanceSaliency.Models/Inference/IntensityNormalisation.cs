namespace InstanceSaliency.Models.Inference;

/// <summary>
/// MONAI <c>NormalizeIntensity(nonzero=True, channel_wise=True)</c> on one channel (method.md §1): over the voxels
/// where the channel is non-zero, x' = (x − μ) / σ with μ the mean and σ the population standard deviation
/// (ddof 0; σ = 0 is replaced by 1, as MONAI); zero voxels stay zero (background). Statistics in float64.
/// </summary>
public static class IntensityNormalisation
{
    /// <summary>The normalised copy of <paramref name="voxels"/>; the statistics used are returned too.</summary>
    public static (float[] Normalised, double Mean, double StandardDeviation) NonzeroZScore(ReadOnlySpan<float> voxels)
    {
        double sum = 0;
        long count = 0;
        foreach (float v in voxels)
            if (v != 0) { sum += v; count++; }
        var output = new float[voxels.Length];
        if (count == 0) return (output, 0, 1);
        double mean = sum / count, squares = 0;
        foreach (float v in voxels)
            if (v != 0) { double d = v - mean; squares += d * d; }
        double sd = Math.Sqrt(squares / count);
        if (sd == 0) sd = 1;
        for (int n = 0; n < voxels.Length; n++)
            if (voxels[n] != 0) output[n] = (float)((voxels[n] - mean) / sd);
        return (output, mean, sd);
    }
}
