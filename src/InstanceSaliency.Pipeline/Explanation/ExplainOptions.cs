using InstanceSaliency.Imaging;
using InstanceSaliency.Imaging.Morphology;
using InstanceSaliency.Lesions;
using InstanceSaliency.Saliency;
using InstanceSaliency.Saliency.Catalog;
using InstanceSaliency.Saliency.Methods;

namespace InstanceSaliency.Pipeline.Explanation;

/// <summary>How the maps of a lesion are computed (method.md §4): both give the same numbers for local networks.</summary>
public enum ExplainStrategy
{
    /// <summary>Exact crops of the padded input around the lesion (the default).</summary>
    Fast,

    /// <summary>The whole padded volume: the reference.</summary>
    Naive,
}

/// <summary>
/// The settings of one `ies explain` run (cli-contract.md), the one definition used by `ies explain`, `ies cohort
/// plan` (<see cref="Cohorts.CohortConfiguration"/>) and run.json (<see cref="ExplainRecord"/>). Defaults are the
/// contract's, named here once.
/// </summary>
public sealed record ExplainOptions
{
    /// <summary>The smallest lesion explained by default (method.md §3: components of ≤ 5 voxels are not).</summary>
    public const int DefaultMinimumLesionVoxels = LesionInstanceOptions.ExplanationMinimumVoxels;

    /// <summary>
    /// The most noise samples `--samples` and `--samples-max` accept. SmoothGrad's error falls as 1/√N: 10,000
    /// samples already bring it to 1% of one sample's; beyond, a value is a typo (issue 19: `--samples 2000000000`
    /// started with an estimate of 40 million minutes). At the measured 1.8 s per lesion and 50 samples of the
    /// average aggregation (README, Benchmarks) this bound is about 6 minutes per lesion.
    /// </summary>
    public const int MaximumSamples = 10_000;

    /// <summary>Methods to run, by contract name: any of <see cref="SaliencyMethods.Names"/>.</summary>
    public IReadOnlyList<string> Methods { get; init; } = SaliencyMethods.Names;

    /// <summary>SmoothGrad settings for the average aggregation (N, f, seed).</summary>
    public SmoothGradOptions SmoothGrad { get; init; } = new();

    /// <summary>
    /// Samples for the max aggregation (`--samples-max`); null for N, as method.md §5 and the contract have it. Each
    /// sample costs one backward pass per lesion voxel (the up-front estimate says what that means for a scan); a
    /// smaller value is recorded in run.json and makes `peak`/`max` features noisier and biased upward.
    /// </summary>
    public int? MaxAggregationSamples { get; init; }

    /// <summary>Noise samples the average aggregation runs: N, or 1 without noise (every sample would be the same input).</summary>
    public int AverageSamples => SmoothGrad.NoiseFractionOfFlairRange == 0 ? 1 : SmoothGrad.Samples;

    /// <summary>Noise samples the max aggregation runs: <see cref="MaxAggregationSamples"/> or N; 1 without noise.</summary>
    public int MaxSamples => SmoothGrad.NoiseFractionOfFlairRange == 0 ? 1 : MaxAggregationSamples ?? SmoothGrad.Samples;

    /// <summary>Smallest predicted component explained (method.md §3: components of ≤ 5 voxels are not).</summary>
    public int MinimumLesionVoxels { get; init; } = DefaultMinimumLesionVoxels;

    /// <summary>
    /// Neighbourhood of the lesion instances (`--connectivity` 6, 18 or 26; method.md §3: 18 by default), for the
    /// predicted and the ground-truth components alike.
    /// </summary>
    public Connectivity Connectivity { get; init; } = Connectivity.Default;

    /// <summary>Only these lesion ids (predicted ids, or FN ids continuing after them); null for all.</summary>
    public IReadOnlySet<int>? LesionIds { get; init; }

    /// <summary>Grad-CAM++ weighting (method.md §6).</summary>
    public CamWeighting CamWeighting { get; init; } = CamWeighting.Local;

    /// <summary>Grad-CAM++ layer; null for the model's (sidecar <c>cam_layer</c>).</summary>
    public string? CamLayer { get; init; }

    /// <summary>Exact crops (default) or the whole volume (the reference of method.md §4).</summary>
    public ExplainStrategy Strategy { get; init; } = ExplainStrategy.Fast;

    /// <summary>Lesion probability threshold τ; null for the model's.</summary>
    public double? Threshold { get; init; }

    /// <summary>The catalog entries of <see cref="Methods"/>, in order.</summary>
    public IReadOnlyList<SaliencyMethod> Catalog => Methods.Select(name => SaliencyMethods.Named(name)).ToArray();

    /// <summary>What the catalog methods are made from, with the model's Grad-CAM++ layer unless <see cref="CamLayer"/> overrides it.</summary>
    public MethodSettings MethodSettings(string modelCamLayer) =>
        new(SmoothGrad, MaxSamples, CamWeighting, CamLayer ?? modelCamLayer);

    /// <summary>The contract name of <see cref="Strategy"/> ("fast", "naive").</summary>
    public string StrategyName => Strategy.ToString().ToLowerInvariant();

    /// <summary>The contract name of <see cref="CamWeighting"/> ("local", "global").</summary>
    public string CamWeightingName => CamWeighting.ToString().ToLowerInvariant();

    /// <summary>Parses a contract strategy name; null for anything else.</summary>
    public static ExplainStrategy? ParseStrategy(string name) => name switch { "fast" => ExplainStrategy.Fast, "naive" => ExplainStrategy.Naive, _ => null };

    /// <summary>Parses a contract CAM weighting name; null for anything else.</summary>
    public static CamWeighting? ParseCamWeighting(string name) => name switch { "local" => CamWeighting.Local, "global" => CamWeighting.Global, _ => null };

    /// <summary>Throws <see cref="InvalidInputException"/> naming the option for values outside their ranges.</summary>
    public void Validate()
    {
        if (Methods.Count == 0) throw new InvalidInputException("--methods: name at least one method.");
        foreach (string method in Methods) SaliencyMethods.Named(method);
        if (Methods.GroupBy(m => m, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
            throw new InvalidInputException($"--methods: {twice.Key} is named twice; name each method once (e.g. --methods {string.Join(',', Methods.Distinct())}).");
        if (MinimumLesionVoxels < 1) throw new InvalidInputException($"--min-size must be ≥ 1; got {MinimumLesionVoxels}.");
        if (SmoothGrad.Samples is < 1 or > MaximumSamples) throw new InvalidInputException($"--samples must be between 1 and {MaximumSamples}; got {SmoothGrad.Samples}.");
        if (MaxAggregationSamples is < 1 or > MaximumSamples) throw new InvalidInputException($"--samples-max must be between 1 and {MaximumSamples}; got {MaxAggregationSamples}.");
        if (!double.IsFinite(SmoothGrad.NoiseFractionOfFlairRange) || SmoothGrad.NoiseFractionOfFlairRange < 0)
            throw new InvalidInputException($"--noise must be a finite fraction ≥ 0; got {SmoothGrad.NoiseFractionOfFlairRange}.");
        if (Threshold is { } t && !(t > 0 && t < 1)) throw new InvalidInputException($"--threshold must be in (0, 1); got {t}.");
    }
}
