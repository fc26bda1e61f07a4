namespace InstanceSaliency.Models.Training;

/// <summary>
/// A simulated thick-slice acquisition (issue 15): a volume (i fastest, k slowest) is averaged over slabs of
/// <c>slab</c> voxels along k, as a 2D sequence with slices that thick records it, and brought back onto the
/// original grid by linear interpolation between the slab centres (constant beyond the first and last centre),
/// as the segmenter resamples such a scan onto its working grid. Slab s covers k ∈ [phase + (s − 1)·slab,
/// phase + s·slab) ∩ [0, K), centred at phase + (s − 1)·slab + (slab − 1)/2; a clipped slab averages the voxels it
/// has. slab = 1 returns a copy.
/// </summary>
public static class ThickSlices
{
    /// <summary>The thick-slice version of <paramref name="voxels"/> (a new array).</summary>
    public static float[] Apply(float[] voxels, int sizeI, int sizeJ, int sizeK, int slab, int phase)
    {
        ArgumentNullException.ThrowIfNull(voxels);
        ArgumentOutOfRangeException.ThrowIfLessThan(slab, 1);
        if (phase < 0 || phase >= slab) throw new ArgumentOutOfRangeException(nameof(phase), $"phase must be in [0, {slab}); got {phase}.");
        if (voxels.Length != (long)sizeI * sizeJ * sizeK) throw new ArgumentException("The array does not have I·J·K voxels.", nameof(voxels));
        if (slab == 1) return (float[])voxels.Clone();
        // Slab s (s = 0, 1, …) starts at phase + (s − 1)·slab; enough slabs to cover [0, K).
        int slabs = (sizeK - phase + slab - 1) / slab + 1;
        var centres = new double[slabs];
        for (int s = 0; s < slabs; s++) centres[s] = phase + (s - 1) * slab + (slab - 1) / 2.0;
        // For each k: the two slabs it interpolates between and the weight of the upper one.
        var lower = new int[sizeK];
        var weight = new double[sizeK];
        for (int k = 0; k < sizeK; k++)
        {
            int s = 0;
            while (s + 1 < slabs && centres[s + 1] <= k) s++;
            lower[k] = s;
            weight[k] = s + 1 < slabs && k > centres[s] ? (k - centres[s]) / (centres[s + 1] - centres[s]) : 0;
        }
        int plane = sizeI * sizeJ;
        var means = new double[slabs];
        var output = new float[voxels.Length];
        for (int n = 0; n < plane; n++)
        {
            Array.Clear(means);
            for (int s = 0; s < slabs; s++)
            {
                int from = Math.Max(0, phase + (s - 1) * slab), to = Math.Min(sizeK, phase + s * slab);
                double sum = 0;
                for (int k = from; k < to; k++) sum += voxels[n + (long)plane * k];
                means[s] = to > from ? sum / (to - from) : double.NaN;
            }
            // An empty slab (only the first, when phase = 0) takes its neighbour's mean.
            if (double.IsNaN(means[0])) means[0] = slabs > 1 ? means[1] : 0;
            if (double.IsNaN(means[^1])) means[^1] = slabs > 1 ? means[^2] : 0;
            for (int k = 0; k < sizeK; k++)
            {
                int s = lower[k];
                double w = weight[k];
                output[n + (long)plane * k] = (float)(w == 0 ? means[s] : (1 - w) * means[s] + w * means[s + 1]);
            }
        }
        return output;
    }
}
