using InstanceSaliency.Saliency;
using InstanceSaliency.Saliency.Methods;

namespace InstanceSaliency.Analysis.Explanation;

/// <summary>The saliency methods `ies explain` knows, by their contract names.</summary>
public static class SaliencyMethodNames
{
    public const string SmoothGrad = "smoothgrad";
    public const string SmoothGradMax = "smoothgrad-max";
    public const string GradCamPlusPlus = "gradcampp";

    /// <summary>All methods, in output order.</summary>
    public static readonly string[] All = [SmoothGrad, SmoothGradMax, GradCamPlusPlus];
}

/// <summary>Settings of one `ies explain` run (cli-contract.md); defaults are the contract's.</summary>
public sealed record ExplainOptions
{
    /// <summary>Methods to run: any of <see cref="SaliencyMethodNames.All"/>.</summary>
    public IReadOnlyList<string> Methods { get; init; } = SaliencyMethodNames.All;

    /// <summary>SmoothGrad settings for the average aggregation (N, f, seed).</summary>
    public SmoothGradOptions SmoothGrad { get; init; } = new();

    /// <summary>
    /// Samples for the max aggregation (`--samples-max`); null for min(N, <see cref="DefaultMaxAggregationSamples"/>).
    /// </summary>
    public int? MaxAggregationSamples { get; init; }

    /// <summary>
    /// The max aggregation's default sample count. It costs one backward pass per lesion voxel per sample (method.md
    /// §5), about |Ω| times the average's cost, so the contract's N = 50 would make a scan with a thousand lesion
    /// voxels take hours on a laptop; with this default the full default explain of patient07 fits the 10-minute
    /// budget of issue 6 on 2 cores. Its sampling error against N = 50 is measured by `ies bench explain`.
    /// </summary>
    public const int DefaultMaxAggregationSamples = 10;

    /// <summary>Noise samples the average aggregation runs: N, or 1 without noise (every sample would be the same input).</summary>
    public int AverageSamples => SmoothGrad.NoiseFractionOfFlairRange == 0 ? 1 : SmoothGrad.Samples;

    /// <summary>Noise samples the max aggregation runs: <see cref="MaxAggregationSamples"/> or min(N, <see cref="DefaultMaxAggregationSamples"/>); 1 without noise.</summary>
    public int MaxSamples => SmoothGrad.NoiseFractionOfFlairRange == 0 ? 1 : MaxAggregationSamples ?? Math.Min(SmoothGrad.Samples, DefaultMaxAggregationSamples);

    /// <summary>Smallest predicted component explained (method.md §3: components of ≤ 5 voxels are not).</summary>
    public int MinimumLesionVoxels { get; init; } = 6;

    /// <summary>Only these lesion ids (predicted ids, or FN ids continuing after them); null for all.</summary>
    public IReadOnlySet<int>? LesionIds { get; init; }

    /// <summary>Grad-CAM++ weighting (method.md §6).</summary>
    public CamWeighting CamWeighting { get; init; } = CamWeighting.Local;

    /// <summary>Grad-CAM++ layer; null for the model's (sidecar <c>cam_layer</c>).</summary>
    public string? CamLayer { get; init; }

    /// <summary>"fast" (exact crops, default) or "naive" (full volume, the reference of method.md §4).</summary>
    public string Strategy { get; init; } = "fast";

    /// <summary>Lesion probability threshold τ; null for the model's.</summary>
    public double? Threshold { get; init; }

    /// <summary>Throws <see cref="Imaging.InvalidInputException"/> naming the option for values outside their ranges.</summary>
    public void Validate()
    {
        foreach (string method in Methods)
            if (!SaliencyMethodNames.All.Contains(method))
                throw new Imaging.InvalidInputException($"--methods: unknown method \"{method}\"; choose from {string.Join(", ", SaliencyMethodNames.All)}.");
        if (Methods.Count == 0) throw new Imaging.InvalidInputException("--methods: name at least one method.");
        if (Strategy is not ("fast" or "naive")) throw new Imaging.InvalidInputException($"--strategy: \"{Strategy}\" is not fast or naive.");
        if (MinimumLesionVoxels < 1) throw new Imaging.InvalidInputException($"--min-size must be ≥ 1; got {MinimumLesionVoxels}.");
        if (SmoothGrad.Samples < 1) throw new Imaging.InvalidInputException($"--samples must be ≥ 1; got {SmoothGrad.Samples}.");
        if (MaxAggregationSamples is < 1) throw new Imaging.InvalidInputException($"--samples-max must be ≥ 1; got {MaxAggregationSamples}.");
        if (!double.IsFinite(SmoothGrad.NoiseFractionOfFlairRange) || SmoothGrad.NoiseFractionOfFlairRange < 0)
            throw new Imaging.InvalidInputException($"--noise must be a finite fraction ≥ 0; got {SmoothGrad.NoiseFractionOfFlairRange}.");
        if (Threshold is { } t && !(t > 0 && t < 1)) throw new Imaging.InvalidInputException($"--threshold must be in (0, 1); got {t}.");
    }
}
