using InstanceSaliency.Imaging.Volumes;
using InstanceSaliency.Models.Inference;
using InstanceSaliency.Models.Segmentation;

namespace InstanceSaliency.Pipeline.Scans;

/// <summary>
/// A scan segmented as `ies segment` does it, with a model's post-processing (issue 15): p (plain, or the mean over the
/// 8 flips), mask = p &gt; τ, components under the smallest volume removed. `segment` and `train fp-filter` share it, so a
/// filter learns from the lesions `segment` would give it.
/// </summary>
public static class PostprocessedSegmentation
{
    public static SegmentationResult Run(Segmenter segmenter, ModelPostprocessing post, Volume<float> flair, Volume<float> t1,
        IProgress<SegmentationProgress>? progress, string flairName, string t1Name)
    {
        ArgumentNullException.ThrowIfNull(segmenter);
        ArgumentNullException.ThrowIfNull(post);
        var result = post.TestTimeFlips
            ? FlipTestTimeAugmentation.Run(segmenter, flair, t1, post.Threshold, progress, flairName, t1Name)
            : segmenter.Run(flair, t1, new SegmentationOptions { Threshold = post.Threshold }, progress, flairName, t1Name);
        return post.MinLesionMm3 > 0 ? result with { Mask = ModelPostprocessing.RemoveSmallLesions(result.Mask, post.MinLesionMm3) } : result;
    }
}
