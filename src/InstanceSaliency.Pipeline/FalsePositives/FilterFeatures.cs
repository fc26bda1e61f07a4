using InstanceSaliency.Imaging;
using InstanceSaliency.Imaging.Volumes;
using InstanceSaliency.Lesions;
using InstanceSaliency.Models.Checkpoints;
using InstanceSaliency.Models.Inference;
using InstanceSaliency.Models.Runtime;
using InstanceSaliency.Models.Segmentation;
using InstanceSaliency.Pipeline.Explanation;
using InstanceSaliency.Saliency;
using InstanceSaliency.Saliency.Methods;

namespace InstanceSaliency.Pipeline.FalsePositives;

/// <summary>
/// The features a false-positive filter reads, per predicted lesion (issue 17): the non-saliency ones
/// (<see cref="NonSaliency"/>: ln of the lesion's world volume in mm³, mean and max lesion probability over Ω on the
/// FLAIR's grid) and the saliency features of method.md §7 that `ies explain` writes to lesions.tsv, computed by the same
/// code (<see cref="LesionSaliency"/>) with the filter's own, cheap configuration (<see cref="FilterSaliency"/>), not the
/// explain run's. No map is written.
/// </summary>
public static class FilterFeatures
{
    /// <summary>ln(volume in mm³): volumes span three decades, the log keeps the logistic regression's input near-normal.</summary>
    public const string LogVolume = "log_volume_mm3";

    /// <summary>Mean of p over Ω (the lesions.tsv column of the same name).</summary>
    public const string MeanProbability = "mean_probability";

    /// <summary>Largest p over Ω.</summary>
    public const string MaxProbability = "max_probability";

    /// <summary>The features that need no saliency, in order.</summary>
    public static IReadOnlyList<string> NonSaliency { get; } = [LogVolume, MeanProbability, MaxProbability];

    /// <summary>The explain settings of <paramref name="saliency"/> (fast strategy; SmoothGrad-max uses the same N).</summary>
    public static ExplainOptions Options(FilterSaliency saliency)
    {
        ArgumentNullException.ThrowIfNull(saliency);
        return new ExplainOptions
        {
            Methods = saliency.Methods,
            SmoothGrad = new SmoothGradOptions { Samples = saliency.Samples, NoiseFractionOfFlairRange = saliency.NoiseFraction, Seed = saliency.Seed },
            MaxAggregationSamples = saliency.Samples,
            CamWeighting = ExplainOptions.ParseCamWeighting(saliency.CamWeights) ?? CamWeighting.Local,
        };
    }

    /// <summary>
    /// Refuses, before any computation, a configuration the model cannot run (an unknown method, Grad-CAM++ of a model
    /// without the layer) and feature names no configured method produces; errors name <paramref name="source"/>.
    /// </summary>
    public static void Check(SegmentationModel model, FalsePositiveFilter filter, string source)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(filter);
        var options = Options(filter.Saliency);
        if (options.Methods.Count > 0) new ExplainRun(model, ComputeContext.Cpu, options).CheckSettings();
        foreach (string name in filter.Features)
            if (!NonSaliency.Contains(name) && !options.Methods.Any(m => name.StartsWith(m + "_", StringComparison.Ordinal)))
                throw new InvalidInputException($"{source}: fp_filter feature \"{name}\" is neither one of {string.Join(", ", NonSaliency)} nor a feature of the filter's methods " +
                    $"({string.Join(", ", options.Methods)}); refit the filter with `ies train fp-filter`.");
    }

    /// <summary>
    /// Every feature of every lesion of <paramref name="lesions"/> (predicted components of <paramref name="segmentation"/>'s
    /// mask on the FLAIR's grid): the non-saliency ones, then each configured method's lesions.tsv columns.
    /// </summary>
    public static LesionFeatureTable Compute(SegmentationModel model, ComputeContext context, FilterSaliency saliency, SegmentationResult segmentation,
        LesionReport lesions, Volume<float> flair, Volume<float> t1, string flairName)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(segmentation);
        ArgumentNullException.ThrowIfNull(lesions);
        var probability = segmentation.Probability.Voxels;
        var rows = lesions.Lesions.Select(l => new List<double>
        {
            Math.Log(l.VolumeMm3), l.VoxelIndices.Average(v => (double)probability[v]), l.VoxelIndices.Max(v => (double)probability[v]),
        }).ToList();
        var names = new List<string>(NonSaliency);
        var options = Options(saliency);
        if (options.Methods.Count > 0 && lesions.Count > 0)
        {
            // Saliency is taken of the network's plain input; after flip averaging the segmentation has no working scan, so make it here.
            if (segmentation.Working is null && ModelWorkingGrid.For(model.Description, flair.Geometry, flairName) is { } grid)
                segmentation = segmentation with { Working = new WorkingScan(grid, grid.ToWorking(flair, flairName), grid.ToWorking(t1, flairName + " (T1)"), flair, 0, 0) };
            var network = NetworkGridLesions.For(segmentation, lesions, lesions.Lesions, flair, t1);
            using var explainer = new LesionSaliency(model, context, network, options.Catalog, options.MethodSettings(model.Description.CamLayer), options.Strategy);
            names.AddRange(explainer.Columns);
            for (int n = 0; n < lesions.Count; n++)
                rows[n].AddRange(explainer.Explain(lesions.Lesions[n], rows[n][1]).Features.Select(f => f.Value));
        }
        return new LesionFeatureTable(names, lesions.Lesions, [.. rows.Select(r => r.ToArray())]);
    }
}

/// <summary>Feature values of lesions: <see cref="Rows"/>[n][j] is feature <see cref="Names"/>[j] of <see cref="Lesions"/>[n].</summary>
public sealed record LesionFeatureTable(IReadOnlyList<string> Names, IReadOnlyList<LesionInstance> Lesions, IReadOnlyList<double[]> Rows)
{
    /// <summary>The rows restricted to <paramref name="features"/>, in that order; a feature not computed is an error naming <paramref name="source"/>.</summary>
    public IReadOnlyList<IReadOnlyList<double>> Select(IReadOnlyList<string> features, string source)
    {
        ArgumentNullException.ThrowIfNull(features);
        var index = features.Select(f => Names.ToList().IndexOf(f)).ToArray();
        for (int j = 0; j < index.Length; j++)
            if (index[j] < 0)
                throw new InvalidInputException($"{source}: the filter reads feature \"{features[j]}\", which its configuration does not produce (it produces " +
                    $"{Names.Count} features, e.g. {string.Join(", ", Names.Take(5))}); refit the filter with `ies train fp-filter`.");
        return [.. Rows.Select(r => (IReadOnlyList<double>)index.Select(j => r[j]).ToArray())];
    }
}
