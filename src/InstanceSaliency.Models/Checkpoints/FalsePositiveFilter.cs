using InstanceSaliency.Imaging;

namespace InstanceSaliency.Models.Checkpoints;

/// <summary>
/// A false-positive filter shipped with the model (package key <c>fp_filter</c>, issue 17; method.md §8, error
/// identification as a product): a logistic regression P(FP | features) = σ(β₀ + Σⱼ βⱼ (xⱼ − meanⱼ) / sdⱼ) over the
/// lesion features <see cref="Features"/> (lesions.tsv column names of method.md §7, computed with <see cref="Saliency"/>,
/// plus non-saliency ones such as <c>log_volume_mm3</c>), and the operating threshold: a predicted lesion with
/// P(FP) ≥ <see cref="Threshold"/> is dropped. A feature with sd 0 (constant in training) or an undefined value
/// contributes 0 (imputed by the training mean). Doubles are stored as System.Text.Json writes them (shortest
/// round-trip form), so a filter read back is the same bits.
/// </summary>
public sealed record FalsePositiveFilter
{
    /// <summary>The format this tool reads and writes.</summary>
    public const int CurrentFormatVersion = 1;

    /// <summary>Version of this record's layout; a newer one is refused with the fix (a newer tool).</summary>
    public int FormatVersion { get; init; } = CurrentFormatVersion;

    /// <summary>Feature names, in the order of <see cref="Coefficients"/>.</summary>
    public IReadOnlyList<string> Features { get; init; } = [];

    /// <summary>How the saliency features are computed.</summary>
    public FilterSaliency Saliency { get; init; } = new();

    /// <summary>Training mean of each feature (standardisation).</summary>
    public IReadOnlyList<double> Means { get; init; } = [];

    /// <summary>Training population standard deviation (divisor n) of each feature.</summary>
    public IReadOnlyList<double> StandardDeviations { get; init; } = [];

    /// <summary>βⱼ on the standardised features.</summary>
    public IReadOnlyList<double> Coefficients { get; init; } = [];

    /// <summary>β₀.</summary>
    public double Intercept { get; init; }

    /// <summary>Operating threshold on P(FP): a lesion with P ≥ this is flagged and dropped.</summary>
    public double Threshold { get; init; } = 0.5;

    /// <summary>Where the filter comes from; absent for a hand-built filter.</summary>
    public FilterProvenance? Provenance { get; init; }

    /// <summary>Throws <see cref="InvalidInputException"/> naming <paramref name="source"/> and the key for an unusable filter.</summary>
    public void Check(string source)
    {
        string at = $"{source}: fp_filter";
        if (FormatVersion != CurrentFormatVersion)
            throw new InvalidInputException($"{at}.format_version is {FormatVersion}; this tool reads version {CurrentFormatVersion} (a newer tool wrote it: update the tool, or refit " +
                "the filter with `ies train fp-filter`).");
        if (Features.Count == 0) throw new InvalidInputException($"{at}.features is empty; a filter needs at least one feature.");
        if (Features.Distinct(StringComparer.Ordinal).Count() != Features.Count) throw new InvalidInputException($"{at}.features names a feature twice.");
        foreach (var (name, list) in new[] { ("means", Means), ("standard_deviations", StandardDeviations), ("coefficients", Coefficients) })
        {
            if (list.Count != Features.Count)
                throw new InvalidInputException($"{at}.{name} has {list.Count} value(s) for {Features.Count} feature(s).");
            if (list.Any(v => !double.IsFinite(v))) throw new InvalidInputException($"{at}.{name} holds a value that is not a finite number.");
        }
        if (StandardDeviations.Any(v => v < 0)) throw new InvalidInputException($"{at}.standard_deviations must be ≥ 0.");
        if (!double.IsFinite(Intercept)) throw new InvalidInputException($"{at}.intercept must be a finite number; got {Intercept}.");
        if (!(Threshold is >= 0 and <= 1)) throw new InvalidInputException($"{at}.threshold must be a probability in [0, 1]; got {Threshold}.");
        Saliency.Check(at + ".saliency");
    }
}

/// <summary>
/// The saliency configuration of a filter's features (`ies explain` options): methods, N, noise fraction f of the FLAIR
/// range, seed and Grad-CAM++ weighting. The default is the cheapest useful one: the plain instance gradient (SmoothGrad
/// with one sample and no noise, method.md §5), one backward pass per lesion on the lesion's dependency cone.
/// </summary>
public sealed record FilterSaliency
{
    /// <summary>Method names (cli-contract.md: smoothgrad, smoothgrad-max, gradcampp); empty = no saliency features.</summary>
    public IReadOnlyList<string> Methods { get; init; } = ["smoothgrad"];

    /// <summary>SmoothGrad samples N (and those of the max aggregation).</summary>
    public int Samples { get; init; } = 1;

    /// <summary>Noise fraction f of the normalised FLAIR's range; 0 = the plain gradient.</summary>
    public double NoiseFraction { get; init; }

    /// <summary>Noise seed.</summary>
    public long Seed { get; init; }

    /// <summary>Grad-CAM++ weighting, "local" or "global" (method.md §6).</summary>
    public string CamWeights { get; init; } = "local";

    internal void Check(string at)
    {
        if (Samples is < 1 or > 10_000) throw new InvalidInputException($"{at}.samples must be between 1 and 10000; got {Samples}.");
        if (!(NoiseFraction >= 0 && double.IsFinite(NoiseFraction))) throw new InvalidInputException($"{at}.noise_fraction must be a finite fraction ≥ 0; got {NoiseFraction}.");
        if (CamWeights is not ("local" or "global")) throw new InvalidInputException($"{at}.cam_weights must be \"local\" or \"global\"; got \"{CamWeights}\".");
    }
}

/// <summary>Where a filter comes from (written by <c>ies train fp-filter</c>).</summary>
/// <param name="Command">The command line that fitted it.</param>
/// <param name="TrainingScans">Scans whose lesions it learnt from.</param>
/// <param name="ValidationScans">Scans the threshold was chosen on.</param>
/// <param name="TruePositives">TP lesions it learnt from.</param>
/// <param name="FalsePositives">FP lesions it learnt from.</param>
/// <param name="CrossValidatedAuc">Scan-grouped cross-validated AUC of P(FP) on the training lesions, all features.</param>
/// <param name="CrossValidatedAucNonSaliency">The same with the non-saliency features alone.</param>
/// <param name="ThresholdRule">How the threshold was chosen.</param>
public sealed record FilterProvenance(string Command, IReadOnlyList<string> TrainingScans, IReadOnlyList<string> ValidationScans, int TruePositives, int FalsePositives,
    double CrossValidatedAuc, double CrossValidatedAucNonSaliency, string ThresholdRule)
{
    /// <summary>Mean lesion F1, PPV, TPR on the validation scans before and after filtering at the threshold.</summary>
    public FilterValidation? Validation { get; init; }
}

/// <summary>Mean lesion metrics over the validation scans before and after the filter.</summary>
public sealed record FilterValidation(int Scans, double F1Before, double F1After, double PpvBefore, double PpvAfter, double TprBefore, double TprAfter);
