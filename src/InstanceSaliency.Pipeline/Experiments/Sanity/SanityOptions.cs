using InstanceSaliency.Saliency.Catalog;
using InstanceSaliency.Pipeline.Explanation;
using InstanceSaliency.Imaging;
using InstanceSaliency.Saliency;

namespace InstanceSaliency.Pipeline.Experiments.Sanity;

/// <summary>Settings of the cascading-randomisation sanity check (method.md §8, `ies sanity`).</summary>
public sealed record SanityOptions
{
    /// <summary>Default SmoothGrad samples: fewer than explain's 50, since every layer step recomputes every map.</summary>
    public const int DefaultSamples = 10;

    /// <summary>Default radius (mm) of the near-lesion region: the outermost ring of method.md §7.</summary>
    public const double DefaultNearRadiusMm = 10;

    /// <summary>ρ is also computed over the voxels within this distance (mm) of the lesion (lesion included).</summary>
    public double NearRadiusMm { get; init; } = DefaultNearRadiusMm;

    /// <summary>Methods checked: smoothgrad and/or gradcampp.</summary>
    public IReadOnlyList<string> Methods { get; init; } = Checked;

    /// <summary>The catalog methods the check runs (the max aggregation would cost a backward pass per lesion voxel at every step).</summary>
    public static readonly string[] Checked = [SaliencyMethods.SmoothGrad.Name, SaliencyMethods.GradCamPlusPlus.Name];

    /// <summary>SmoothGrad N, f and seed (the same noise at every step, so only the weights change).</summary>
    public SmoothGradOptions SmoothGrad { get; init; } = new() { Samples = DefaultSamples };

    /// <summary>Seed of the re-initialised weights.</summary>
    public long Seed { get; init; }

    /// <summary>At most this many layers randomised (from the output side); null for all.</summary>
    public int? MaximumLayers { get; init; }

    /// <summary>Lesion threshold τ; null for the model's.</summary>
    public double? Threshold { get; init; }

    /// <summary>Smallest lesion studied (voxels).</summary>
    public int MinimumLesionVoxels { get; init; } = 6;

    /// <summary>Only these lesion ids; null for all.</summary>
    public IReadOnlySet<int>? LesionIds { get; init; }

    /// <summary>At most this many lesions (the first in id order); null for all.</summary>
    public int? MaximumLesions { get; init; }

    /// <summary>Throws <see cref="InvalidInputException"/> naming the option for values outside their ranges.</summary>
    public void Validate()
    {
        if (Methods.Count == 0) throw new InvalidInputException("--methods: name at least one method.");
        foreach (string m in Methods)
            if (!Checked.Contains(m))
                throw new InvalidInputException($"--methods: the sanity check runs smoothgrad and gradcampp; got \"{m}\".");
        if (SmoothGrad.Samples is < 1 or > Explanation.ExplainOptions.MaximumSamples)
            throw new InvalidInputException($"--samples must be between 1 and {Explanation.ExplainOptions.MaximumSamples}; got {SmoothGrad.Samples}.");
        if (!double.IsFinite(SmoothGrad.NoiseFractionOfFlairRange) || SmoothGrad.NoiseFractionOfFlairRange < 0)
            throw new InvalidInputException($"--noise must be a finite fraction ≥ 0; got {SmoothGrad.NoiseFractionOfFlairRange}.");
        if (!double.IsFinite(NearRadiusMm) || NearRadiusMm < 0) throw new InvalidInputException($"--near must be a finite number of mm ≥ 0; got {NearRadiusMm}.");
        if (MaximumLayers is < 1) throw new InvalidInputException($"--max-layers must be ≥ 1; got {MaximumLayers}.");
        if (Threshold is { } t && !(t > 0 && t < 1)) throw new InvalidInputException($"--threshold must be in (0, 1); got {t}.");
        if (MinimumLesionVoxels < 1) throw new InvalidInputException($"--min-size must be ≥ 1; got {MinimumLesionVoxels}.");
        if (MaximumLesions is < 1) throw new InvalidInputException($"--max-lesions must be ≥ 1; got {MaximumLesions}.");
    }
}
