using InstanceSaliency.Imaging.Volumes;
using InstanceSaliency.Lesions;
using InstanceSaliency.Models.Checkpoints;
using InstanceSaliency.Models.Inference;
using InstanceSaliency.Models.Runtime;
using InstanceSaliency.Models.Segmentation;

namespace InstanceSaliency.Models.Training;

/// <summary>A case's lesion probabilities on its FLAIR's grid: plain, and averaged over the 8 flips when asked for.</summary>
public sealed record CaseProbabilities(TrainingCase Case, Volume<float> Plain, Volume<float>? Flipped)
{
    /// <summary>The probability the post-processing <paramref name="postprocessing"/> thresholds.</summary>
    public Volume<float> For(ModelPostprocessing postprocessing)
    {
        ArgumentNullException.ThrowIfNull(postprocessing);
        return postprocessing.TestTimeFlips
            ? Flipped ?? throw new InvalidOperationException($"{Case.Name}: the flip-averaged probability was not computed.")
            : Plain;
    }
}

/// <summary>One scan's metrics: the model's (with a post-processing) and the FLAIR-threshold baseline's.</summary>
public sealed record CaseEvaluation(string Name, string Site, SegmentationMetrics Model, SegmentationMetrics Baseline);

/// <summary>A site's mean metrics over its scans (rates undefined on a scan count as 0).</summary>
public sealed record SiteMean(string Site, int Scans, double F1, double Ndsc, double Ppv, double Tpr, double BaselineF1, double BaselineNdsc);

/// <summary>One post-processing tried by <see cref="ManifestEvaluation.Tune"/>: its score, the per-site means and the per-scan figures.</summary>
public sealed record PostprocessingTrial(ModelPostprocessing Postprocessing, double Score, IReadOnlyList<SiteMean> Sites, IReadOnlyList<CaseEvaluation> Cases)
{
    /// <summary>These figures as a package's <c>validation</c> key (rounded to 4 decimals), from <paramref name="source"/>.</summary>
    public ModelValidation ToModelValidation(string source) => new(source,
        [.. Sites.Select(x => new ValidationSite(x.Site, x.Scans, Round(x.F1), Round(x.Ndsc), Round(x.BaselineF1), Round(x.BaselineNdsc)))],
        [.. Cases.Select(x => new ValidationScan(x.Name, x.Site, Round(x.Model.F1 ?? 0), Round(x.Model.Ndsc), Round(x.Baseline.F1 ?? 0), Round(x.Baseline.Ndsc)))]);

    static double Round(double value) => Math.Round(value, 4);
}

/// <summary>
/// A model on several labelled scans of one or more sites (issue 15, <c>ies train evaluate --manifest</c> and
/// <c>ies train postprocess</c>): every scan segmented on its FLAIR's grid as <c>ies segment --brain-mask</c> does,
/// scored by <see cref="LesionAnalysis"/> (18-connected, all sizes) beside <see cref="FlairThresholdBaseline"/>, and
/// summarised per site. The score of a post-processing is the mean over sites of each site's mean (F1 + nDSC)/2, so
/// a site with one validation scan weighs as much as one with four.
/// </summary>
public static class ManifestEvaluation
{
    /// <summary>Thresholds τ tried by <see cref="Tune"/>.</summary>
    public static IReadOnlyList<double> TunedThresholds { get; } = [0.2, 0.3, 0.4, 0.5, 0.6];

    /// <summary>Smallest kept lesion volumes (mm³) tried by <see cref="Tune"/>.</summary>
    public static IReadOnlyList<double> TunedMinimumsMm3 { get; } = [0, 10, 20, 40];

    /// <summary>The probabilities of every case (<paramref name="withFlips"/>: also the 8-flip mean, 7 more segmentations: the plain one is the identity flip's).</summary>
    public static IReadOnlyList<CaseProbabilities> Probabilities(SegmentationModel model, IReadOnlyList<TrainingCase> cases, ComputeContext context,
        bool withFlips, IProgress<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(cases);
        var segmenter = new Segmenter(model, context);
        return [.. cases.Select(c =>
        {
            progress?.Report($"{c.Name}: segmenting{(withFlips ? " (and 8 flips)" : "")}");
            var plain = segmenter.Run(c.Flair, c.T1, null, null, c.Name + " FLAIR", c.Name + " T1").Probability;
            var flipped = withFlips ? FlipTestTimeAugmentation.Probability(segmenter, c.Flair, c.T1, null, null, c.Name + " FLAIR", c.Name + " T1", plain) : null;
            return new CaseProbabilities(c, plain, flipped);
        })];
    }

    /// <summary>The baseline's metrics of every case, in order.</summary>
    public static IReadOnlyList<SegmentationMetrics> Baselines(IReadOnlyList<TrainingCase> cases)
    {
        ArgumentNullException.ThrowIfNull(cases);
        return [.. cases.Select(c => LesionAnalysis.Run(FlairThresholdBaseline.Segment(c.Flair), c.Mask).Metrics!)];
    }

    /// <summary>Every case scored with <paramref name="postprocessing"/>, beside its baseline (<paramref name="baselines"/>, same order).</summary>
    public static IReadOnlyList<CaseEvaluation> Score(IReadOnlyList<CaseProbabilities> probabilities, IReadOnlyList<SegmentationMetrics> baselines,
        ModelPostprocessing postprocessing)
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        ArgumentNullException.ThrowIfNull(baselines);
        ArgumentNullException.ThrowIfNull(postprocessing);
        return [.. probabilities.Select((p, n) =>
            new CaseEvaluation(p.Case.Name, p.Case.Site, LesionAnalysis.Run(postprocessing.Mask(p.For(postprocessing)), p.Case.Mask).Metrics!, baselines[n]))];
    }

    /// <summary>Per-site means, sites in first-appearance order.</summary>
    public static IReadOnlyList<SiteMean> SiteMeans(IReadOnlyList<CaseEvaluation> cases)
    {
        ArgumentNullException.ThrowIfNull(cases);
        return [.. cases.GroupBy(c => c.Site).Select(g => new SiteMean(g.Key, g.Count(),
            g.Average(c => c.Model.F1 ?? 0), g.Average(c => c.Model.Ndsc), g.Average(c => c.Model.Ppv ?? 0), g.Average(c => c.Model.Tpr ?? 0),
            g.Average(c => c.Baseline.F1 ?? 0), g.Average(c => c.Baseline.Ndsc)))];
    }

    /// <summary>The mean over sites of each site's mean (F1 + nDSC)/2.</summary>
    public static double ScoreOf(IReadOnlyList<SiteMean> sites)
    {
        ArgumentNullException.ThrowIfNull(sites);
        return sites.Average(s => (s.F1 + s.Ndsc) / 2);
    }

    /// <summary>
    /// Every post-processing of <see cref="TunedThresholds"/> × <see cref="TunedMinimumsMm3"/> × (no flips, flips
    /// when <see cref="CaseProbabilities.Flipped"/> exists) scored on <paramref name="probabilities"/>; the first
    /// trial with the highest score is the choice (order: no flips first, then the threshold, then the minimum).
    /// </summary>
    public static (PostprocessingTrial Best, IReadOnlyList<PostprocessingTrial> Trials) Tune(IReadOnlyList<CaseProbabilities> probabilities,
        IReadOnlyList<SegmentationMetrics> baselines, IProgress<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        if (probabilities.Count == 0) throw new ArgumentException("Tuning needs at least one validation scan.", nameof(probabilities));
        var flips = probabilities.All(p => p.Flipped is not null) ? new[] { false, true } : [false];
        var trials = new List<PostprocessingTrial>();
        foreach (bool flip in flips)
            foreach (double tau in TunedThresholds)
                foreach (double minimum in TunedMinimumsMm3)
                {
                    var postprocessing = new ModelPostprocessing(tau, minimum, flip);
                    var cases = Score(probabilities, baselines, postprocessing);
                    var sites = SiteMeans(cases);
                    trials.Add(new PostprocessingTrial(postprocessing, ScoreOf(sites), sites, cases));
                    progress?.Report($"τ {tau}, min {minimum} mm³, flips {(flip ? "on" : "off")}: score {ScoreOf(sites):F4}");
                }
        var best = trials[0];
        foreach (var trial in trials) if (trial.Score > best.Score) best = trial;
        return (best, trials);
    }
}
