using InstanceSaliency.Imaging.Volumes;

namespace InstanceSaliency.Imaging.BrainMasks;

/// <summary>
/// Does an image without a brain mask look skull-on? The head fill: the fraction of the field of view whose
/// intensity exceeds 10% of the 99th percentile of the positive voxels. A skull-stripped brain fills a small
/// part of a head-sized field of view (brain ≈ 1.2 L), a head with skull, scalp and neck much more.
/// Measured (this class, all files): Lesjak 2017 (stripped, 1 mm MNI) FLAIR 0.142–0.154, T1 0.138–0.152;
/// MS3SEG (skull on, native) FLAIR 0.297–0.405, T1 0.280–0.440. The threshold sits at the geometric mean of
/// the nearest values of the two groups (√(0.154 · 0.280) ≈ 0.21), a factor 1.3 from each.
/// </summary>
public static class SkullOnHeuristic
{
    /// <summary>Head fill above which an image looks skull-on.</summary>
    public const double SkullOnFillThreshold = 0.21;

    /// <summary>The foreground cut as a fraction of the 99th percentile of positive voxels.</summary>
    public const double ForegroundFractionOfP99 = 0.1;

    /// <summary>
    /// The head fill of <paramref name="image"/>: #{v &gt; 0.1 · p99(positive voxels)} / #voxels (0..1; 0 when no
    /// voxel is positive). p99 by linear interpolation between order statistics (numpy's default).
    /// </summary>
    public static double HeadFill(Volume<float> image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var positive = image.Voxels.Where(v => v > 0).ToArray();
        if (positive.Length == 0) return 0;
        Array.Sort(positive);
        double rank = 0.99 * (positive.Length - 1);
        int low = (int)rank;
        double p99 = positive[low] + (rank - low) * (positive[Math.Min(low + 1, positive.Length - 1)] - positive[low]);
        double cut = ForegroundFractionOfP99 * p99;
        long count = image.Voxels.LongCount(v => v > cut);
        return count / (double)image.Voxels.Length;
    }

    /// <summary>True when <paramref name="image"/>'s head fill exceeds <see cref="SkullOnFillThreshold"/>.</summary>
    public static bool LooksSkullOn(Volume<float> image) => HeadFill(image) > SkullOnFillThreshold;
}
