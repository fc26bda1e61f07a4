using InstanceSaliency.Lesions;

namespace InstanceSaliency.Analysis.Features;

/// <summary>
/// Quantitative saliency of one map (one method, one channel) around one lesion (method.md §7): inside Ω the
/// sum, mean, max, min and peak (the signed value of largest |M|, first in storage order on ties), and for the
/// rings R_k (k = 1..K, by Euclidean distance in mm) the mean and sum. Units are the map's (logit per
/// normalised-intensity unit for SmoothGrad).
/// </summary>
public sealed record MapFeatures(double Sum, double Mean, double Max, double Min, double Peak, double[] RingMean, double[] RingSum, double AbsoluteSum)
{
    /// <summary>Computes the features of <paramref name="map"/> (voxels of the scan's grid, i fastest).</summary>
    public static MapFeatures Of(float[] map, IReadOnlyList<int> lesionVoxels, LesionRings rings)
    {
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(lesionVoxels);
        ArgumentNullException.ThrowIfNull(rings);
        double sum = 0, absolute = 0, max = double.NegativeInfinity, min = double.PositiveInfinity, peak = 0;
        foreach (int index in lesionVoxels)
        {
            double v = map[index];
            sum += v;
            absolute += Math.Abs(v);
            max = Math.Max(max, v);
            min = Math.Min(min, v);
            if (Math.Abs(v) > Math.Abs(peak)) peak = v;
        }
        var ringMean = new double[rings.Count];
        var ringSum = new double[rings.Count];
        for (int k = 1; k <= rings.Count; k++)
        {
            var ring = rings.Ring(k);
            double s = 0;
            foreach (int index in ring) s += map[index];
            ringSum[k - 1] = s;
            ringMean[k - 1] = ring.Count == 0 ? double.NaN : s / ring.Count;
        }
        return new MapFeatures(sum, sum / lesionVoxels.Count, max, min, peak, ringMean, ringSum, absolute);
    }

    /// <summary>Feature names in column order: sum, mean, max, min, peak, ring1_mean, ring1_sum, … ringK_sum.</summary>
    public static IEnumerable<string> Names(int ringCount)
    {
        yield return "sum";
        yield return "mean";
        yield return "max";
        yield return "min";
        yield return "peak";
        for (int k = 1; k <= ringCount; k++)
        {
            yield return $"ring{k}_mean";
            yield return $"ring{k}_sum";
        }
    }

    /// <summary>Values in the order of <see cref="Names"/>.</summary>
    public IEnumerable<double> Values()
    {
        yield return Sum;
        yield return Mean;
        yield return Max;
        yield return Min;
        yield return Peak;
        for (int k = 0; k < RingMean.Length; k++)
        {
            yield return RingMean[k];
            yield return RingSum[k];
        }
    }

    /// <summary>
    /// FLAIR share (method.md §7): Σ_Ω|M_flair| / (Σ_Ω|M_flair| + Σ_Ω|M_t1|); NaN when both are zero.
    /// </summary>
    public static double FlairShare(MapFeatures flair, MapFeatures t1)
    {
        double total = flair.AbsoluteSum + t1.AbsoluteSum;
        return total == 0 ? double.NaN : flair.AbsoluteSum / total;
    }
}
