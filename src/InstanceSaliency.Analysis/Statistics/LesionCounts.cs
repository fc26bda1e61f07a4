namespace InstanceSaliency.Analysis.Statistics;

/// <summary>
/// Lesion-wise detection counts pooled over scans, with F1 = 2TP / (2TP + FP + FN) and PPV = TP / (TP + FP)
/// (NaN when the denominator is 0).
/// </summary>
public sealed record LesionCounts(int Tp, int Fp, int Fn)
{
    /// <summary>F1 = 2TP / (2TP + FP + FN).</summary>
    public double F1 => 2 * Tp + Fp + Fn == 0 ? double.NaN : 2.0 * Tp / (2 * Tp + Fp + Fn);

    /// <summary>PPV = TP / (TP + FP).</summary>
    public double Ppv => Tp + Fp == 0 ? double.NaN : (double)Tp / (Tp + Fp);

    /// <summary>
    /// The counts after deleting predicted lesions: a removed FP is gone; a removed TP is a lesion the segmentation
    /// now misses, so it moves from TP to FN. FN lesions are never removed (they were not predicted).
    /// </summary>
    public LesionCounts AfterRemoving(int removedTp, int removedFp)
    {
        if (removedTp < 0 || removedTp > Tp) throw new ArgumentOutOfRangeException(nameof(removedTp), $"Removed TP must be in 0..{Tp}; got {removedTp}.");
        if (removedFp < 0 || removedFp > Fp) throw new ArgumentOutOfRangeException(nameof(removedFp), $"Removed FP must be in 0..{Fp}; got {removedFp}.");
        return new LesionCounts(Tp - removedTp, Fp - removedFp, Fn + removedTp);
    }
}
