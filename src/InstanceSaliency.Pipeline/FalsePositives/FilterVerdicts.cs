using System.Diagnostics;
using InstanceSaliency.Analysis.ExplainFolder;
using InstanceSaliency.Analysis.Statistics;
using InstanceSaliency.Imaging;
using InstanceSaliency.Imaging.Volumes;
using InstanceSaliency.Lesions;
using InstanceSaliency.Models.Checkpoints;
using InstanceSaliency.Models.Runtime;
using InstanceSaliency.Models.Segmentation;

namespace InstanceSaliency.Pipeline.FalsePositives;

/// <summary>
/// A model's false-positive filter applied to one scan's predicted lesions (`segment --fp-filter`, `explain --fp-filter`):
/// the features (<see cref="FilterFeatures"/>), P(FP) per lesion by the stored logistic regression, and the flag
/// P(FP) ≥ threshold. Flagged lesions are whole components: dropping them leaves every other component as it was.
/// </summary>
public static class FilterVerdicts
{
    /// <summary>
    /// The model's filter, or an <see cref="InvalidInputException"/> naming the model and how to make one: checked before any
    /// long work.
    /// </summary>
    public static FalsePositiveFilter Require(SegmentationModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var filter = model.Description.FpFilter
            ?? throw new InvalidInputException($"--fp-filter: the model {model.Source} has no fp_filter in its model.json; fit one for it with `ies train fp-filter --manifest TSV " +
                $"--model {model.Source} --out MODEL2.iesm` and pass --model MODEL2.iesm.");
        FilterFeatures.Check(model, filter, model.Source);
        return filter;
    }

    /// <summary>The stored classifier as <see cref="LogisticModel"/> (the one the filter was fitted with).</summary>
    public static LogisticModel Classifier(FalsePositiveFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return new LogisticModel(filter.Intercept, filter.Coefficients, filter.Means, filter.StandardDeviations, 0);
    }

    /// <summary>P(FP) and the flag of each lesion of <paramref name="features"/>, by lesion id.</summary>
    public static IReadOnlyDictionary<int, LesionFilterVerdict> Of(FalsePositiveFilter filter, LesionFeatureTable features, string source)
    {
        ArgumentNullException.ThrowIfNull(features);
        var classifier = Classifier(filter);
        var x = features.Select(filter.Features, source);
        var verdicts = new Dictionary<int, LesionFilterVerdict>();
        for (int n = 0; n < x.Count; n++)
        {
            double p = classifier.Probability(x[n]);
            verdicts[features.Lesions[n].Id] = new LesionFilterVerdict(p >= filter.Threshold, p);
        }
        return verdicts;
    }

    /// <summary>
    /// Features and verdicts of every predicted lesion of <paramref name="lesions"/>, with the seconds the features took.
    /// </summary>
    public static FilterOutcome Run(SegmentationModel model, ComputeContext context, FalsePositiveFilter filter, SegmentationResult segmentation, LesionReport lesions,
        Volume<float> flair, Volume<float> t1, string flairName)
    {
        var clock = Stopwatch.StartNew();
        var features = FilterFeatures.Compute(model, context, filter.Saliency, segmentation, lesions, flair, t1, flairName);
        return new FilterOutcome(features, Of(filter, features, model.Source), clock.Elapsed.TotalSeconds);
    }

    /// <summary><paramref name="mask"/> without the voxels of <paramref name="dropped"/>.</summary>
    public static Volume<byte> Drop(Volume<byte> mask, IEnumerable<LesionInstance> dropped)
    {
        ArgumentNullException.ThrowIfNull(mask);
        ArgumentNullException.ThrowIfNull(dropped);
        var voxels = (byte[])mask.Voxels.Clone();
        foreach (var lesion in dropped)
            foreach (int v in lesion.VoxelIndices) voxels[v] = 0;
        return mask.WithVoxels(voxels);
    }
}

/// <summary>What the filter computed on one scan: the features, the verdict per lesion id, and the features' wall time (s).</summary>
public sealed record FilterOutcome(LesionFeatureTable Features, IReadOnlyDictionary<int, LesionFilterVerdict> Verdicts, double FeatureSeconds)
{
    /// <summary>The flagged lesions, in id order.</summary>
    public IReadOnlyList<LesionInstance> Flagged => [.. Features.Lesions.Where(l => Verdicts[l.Id].Filtered)];
}
