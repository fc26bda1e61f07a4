using InstanceSaliency.Imaging.Morphology;
using InstanceSaliency.Imaging.Volumes;
using InstanceSaliency.Lesions;

namespace InstanceSaliency.Models.Training;

/// <summary>
/// The plain rule a segmentation model must beat (issue 15): the FLAIR z-scored over the brain (its non-zero
/// voxels, i.e. the brain mask when one was applied; mean and population SD), lesion = z &gt; 2.5, then components
/// (18-connected) of fewer than 3 voxels removed. No learning, no T1; on the FLAIR's own grid.
/// </summary>
public static class FlairThresholdBaseline
{
    /// <summary>The z-score threshold.</summary>
    public const double ZThreshold = 2.5;

    /// <summary>The smallest kept component (voxels).</summary>
    public const int MinimumVoxels = 3;

    /// <summary>The baseline's lesion mask of <paramref name="flair"/>.</summary>
    public static Volume<byte> Segment(Volume<float> flair, double zThreshold = ZThreshold, int minimumVoxels = MinimumVoxels)
    {
        ArgumentNullException.ThrowIfNull(flair);
        var v = flair.Voxels;
        double sum = 0, squares = 0;
        long count = 0;
        foreach (float x in v)
        {
            if (x == 0) continue;
            sum += x;
            squares += (double)x * x;
            count++;
        }
        if (count == 0) return flair.Map(_ => (byte)0);
        double mean = sum / count, sd = Math.Sqrt(Math.Max(0, squares / count - mean * mean));
        double cut = mean + zThreshold * sd;
        var mask = flair.Map(x => x != 0 && x > cut ? (byte)1 : (byte)0);
        var kept = LesionExtraction.Extract(mask, new LesionInstanceOptions { Connectivity = Connectivity.Default, MinimumVoxels = minimumVoxels });
        return kept.Labels.Map(l => l != 0 ? (byte)1 : (byte)0);
    }
}
