using InstanceSaliency.Imaging;

namespace InstanceSaliency.Pipeline.Experiments.Context;

/// <summary>Settings of the context experiment (method.md §8, `ies context`).</summary>
public sealed record ContextOptions
{
    /// <summary>Default largest radius R (mm): well past the 7–8 mm the paper found for the U-Net.</summary>
    public const double DefaultMaximumRadiusMm = 20;

    /// <summary>Default radius step (mm).</summary>
    public const double DefaultStepMm = 1;

    /// <summary>Default fraction of the plateau that defines the context radius (the paper's 95%).</summary>
    public const double DefaultPlateauFraction = 0.95;

    /// <summary>R: radii run 0, step, 2·step, … ≤ R (mm).</summary>
    public double MaximumRadiusMm { get; init; } = DefaultMaximumRadiusMm;

    /// <summary>Step between radii (mm).</summary>
    public double StepMm { get; init; } = DefaultStepMm;

    /// <summary>The context radius is the smallest r whose mean probability reaches this fraction of the plateau.</summary>
    public double PlateauFraction { get; init; } = DefaultPlateauFraction;

    /// <summary>Lesion threshold τ; null for the model's.</summary>
    public double? Threshold { get; init; }

    /// <summary>Smallest lesion studied (voxels), as `ies explain --min-size`.</summary>
    public int MinimumLesionVoxels { get; init; } = 6;

    /// <summary>Only these lesion ids; null for all.</summary>
    public IReadOnlySet<int>? LesionIds { get; init; }

    /// <summary>At most this many lesions (the first in id order); null for all.</summary>
    public int? MaximumLesions { get; init; }

    /// <summary>The radii r_0 = 0 &lt; r_1 &lt; … ≤ R (mm), as multiples of the step (no accumulated rounding).</summary>
    public IReadOnlyList<double> RadiiMm()
    {
        int count = (int)Math.Floor(MaximumRadiusMm / StepMm + 1e-9);
        return Enumerable.Range(0, count + 1).Select(n => n * StepMm).ToArray();
    }

    /// <summary>Throws <see cref="InvalidInputException"/> naming the option for values outside their ranges.</summary>
    public void Validate()
    {
        if (!double.IsFinite(MaximumRadiusMm) || MaximumRadiusMm < 0) throw new InvalidInputException($"--max-radius must be a finite number of mm ≥ 0; got {MaximumRadiusMm}.");
        if (!double.IsFinite(StepMm) || StepMm <= 0) throw new InvalidInputException($"--step must be a finite number of mm > 0; got {StepMm}.");
        if (MaximumRadiusMm / StepMm > 1000) throw new InvalidInputException($"--max-radius / --step gives {MaximumRadiusMm / StepMm:F0} radii; at most 1000 (each is one forward pass per lesion).");
        if (!(PlateauFraction > 0 && PlateauFraction <= 1)) throw new InvalidInputException($"--plateau-fraction must be in (0, 1]; got {PlateauFraction}.");
        if (Threshold is { } t && !(t > 0 && t < 1)) throw new InvalidInputException($"--threshold must be in (0, 1); got {t}.");
        if (MinimumLesionVoxels < 1) throw new InvalidInputException($"--min-size must be ≥ 1; got {MinimumLesionVoxels}.");
        if (MaximumLesions is < 1) throw new InvalidInputException($"--max-lesions must be ≥ 1; got {MaximumLesions}.");
    }
}
