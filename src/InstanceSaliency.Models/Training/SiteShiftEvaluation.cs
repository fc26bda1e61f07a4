using InstanceSaliency.Imaging.Volumes;
using InstanceSaliency.Lesions;
using InstanceSaliency.Models.Checkpoints;
using InstanceSaliency.Models.Inference;
using InstanceSaliency.Models.Runtime;
using InstanceSaliency.Models.Segmentation;

namespace InstanceSaliency.Models.Training;

/// <summary>One evaluated condition: the shift, the threshold used and the metrics against the ground truth.</summary>
public sealed record ShiftedScore(SiteShift Shift, double Threshold, SegmentationMetrics Metrics);

/// <summary>
/// The robustness evaluation of issue 5: segment one labelled scan unshifted and under each <see cref="SiteShift"/>
/// (applied to the raw volumes, before the segmenter's normalisation), optionally with flip test-time augmentation,
/// and score each result with <see cref="LesionAnalysis"/> (18-connected instances, all sizes) at each threshold.
/// </summary>
public static class SiteShiftEvaluation
{
    public static IReadOnlyList<ShiftedScore> Run(
        SegmentationModel model, Volume<float> flair, Volume<float> t1, Volume<byte> truth, IEnumerable<SiteShift> shifts,
        ComputeContext context, IReadOnlyList<double>? thresholds = null, bool flipTestTimeAugmentation = false,
        IProgress<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        flair.RequireSameGrid(truth, "FLAIR", "the ground truth");
        thresholds ??= [model.Description.Threshold];
        var segmenter = new Segmenter(model, context);
        var scores = new List<ShiftedScore>();
        foreach (var shift in shifts)
        {
            progress?.Report(shift.Name);
            var (f, t) = shift.Apply(flair, t1);
            var probability = flipTestTimeAugmentation
                ? FlipTestTimeAugmentation.Probability(segmenter, f, t)
                : segmenter.Run(f, t).Probability;
            foreach (double tau in thresholds)
            {
                var mask = probability.Map(p => p > tau ? (byte)1 : (byte)0);
                scores.Add(new ShiftedScore(shift, tau, LesionAnalysis.Run(mask, truth).Metrics!));
            }
        }
        return scores;
    }
}
