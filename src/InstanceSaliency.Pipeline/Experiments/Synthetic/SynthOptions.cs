using InstanceSaliency.Imaging;
using InstanceSaliency.Imaging.Synthesis;
using InstanceSaliency.Saliency;

namespace InstanceSaliency.Pipeline.Experiments.Synthetic;

/// <summary>Settings of the synthetic-lesion experiment (method.md §8, `ies synth`): the grid and the placements.</summary>
public sealed record SynthOptions
{
    /// <summary>Default SmoothGrad samples for the FLAIR share: fewer than explain's 50, since every cell and repeat needs a map.</summary>
    public const int DefaultSamples = 10;

    /// <summary>Default placements per cell.</summary>
    public const int DefaultRepeats = 3;

    /// <summary>Default least distance (mm) between a synthetic lesion's surface and any existing lesion.</summary>
    public const double DefaultClearanceMm = 10;

    /// <summary>Lesion sizes: spheres (a number converts) or ellipsoids (semi-axes in mm along i, j, k); each semi-axis &gt; 0.</summary>
    public IReadOnlyList<SynthRadii> RadiiMm { get; init; } = [2, 3, 5];

    /// <summary>FLAIR contrasts c_F (local white-matter SDs, ≥ 0).</summary>
    public IReadOnlyList<double> FlairContrastsSd { get; init; } = [0, 1, 2, 3, 4];

    /// <summary>T1 contrasts c_T (local white-matter SDs darker, ≥ 0).</summary>
    public IReadOnlyList<double> T1ContrastsSd { get; init; } = [0, 1, 2];

    /// <summary>Placements per cell; the same placements serve every cell (a paired design).</summary>
    public int Repeats { get; init; } = DefaultRepeats;

    /// <summary>σ of the Gaussian edge (mm).</summary>
    public double EdgeSigmaMm { get; init; } = SyntheticLesion.DefaultEdgeSigmaMm;

    /// <summary>Least distance (mm) from a lesion's surface (centre distance − largest semi-axis) to the existing lesions.</summary>
    public double ClearanceMm { get; init; } = DefaultClearanceMm;

    /// <summary>SmoothGrad (average aggregation) settings of the FLAIR share (method.md §7).</summary>
    public SmoothGradOptions SmoothGrad { get; init; } = new() { Samples = DefaultSamples };

    /// <summary>Seed of the placements (and of SmoothGrad's noise through <see cref="SmoothGrad"/>).</summary>
    public long Seed { get; init; }

    /// <summary>Lesion threshold τ; null for the model's.</summary>
    public double? Threshold { get; init; }

    /// <summary>Throws <see cref="InvalidInputException"/> naming the option for values outside their ranges.</summary>
    public void Validate()
    {
        static void Require(IReadOnlyList<double> values, string option, Func<double, bool> allowed, string rule)
        {
            if (values.Count == 0) throw new InvalidInputException($"{option}: give at least one value.");
            foreach (double v in values)
                if (!double.IsFinite(v) || !allowed(v)) throw new InvalidInputException($"{option}: every value must be {rule}; got {v}.");
            if (values.Distinct().Count() != values.Count) throw new InvalidInputException($"{option}: values repeat ({string.Join(",", values)}).");
        }
        if (RadiiMm.Count == 0) throw new InvalidInputException("--radii: give at least one value.");
        foreach (var r in RadiiMm)
            if (!r.IsValid) throw new InvalidInputException($"--radii: every semi-axis must be a finite number of mm > 0; got {r}.");
        if (RadiiMm.Distinct().Count() != RadiiMm.Count) throw new InvalidInputException($"--radii: values repeat ({string.Join(",", RadiiMm)}).");
        Require(FlairContrastsSd, "--flair-contrasts", v => v >= 0, "≥ 0 (white-matter SDs brighter)");
        Require(T1ContrastsSd, "--t1-contrasts", v => v >= 0, "≥ 0 (white-matter SDs darker)");
        if (Repeats < 1) throw new InvalidInputException($"--repeats must be ≥ 1; got {Repeats}.");
        if (!double.IsFinite(EdgeSigmaMm) || EdgeSigmaMm < 0) throw new InvalidInputException($"--edge must be a finite number of mm ≥ 0; got {EdgeSigmaMm}.");
        if (!double.IsFinite(ClearanceMm) || ClearanceMm < 0) throw new InvalidInputException($"--clearance must be a finite number of mm ≥ 0; got {ClearanceMm}.");
        if (SmoothGrad.Samples is < 1 or > Explanation.ExplainOptions.MaximumSamples)
            throw new InvalidInputException($"--samples must be between 1 and {Explanation.ExplainOptions.MaximumSamples}; got {SmoothGrad.Samples}.");
        if (!double.IsFinite(SmoothGrad.NoiseFractionOfFlairRange) || SmoothGrad.NoiseFractionOfFlairRange < 0)
            throw new InvalidInputException($"--noise must be a finite fraction ≥ 0; got {SmoothGrad.NoiseFractionOfFlairRange}.");
        if (Threshold is { } t && !(t > 0 && t < 1)) throw new InvalidInputException($"--threshold must be in (0, 1); got {t}.");
    }
}
