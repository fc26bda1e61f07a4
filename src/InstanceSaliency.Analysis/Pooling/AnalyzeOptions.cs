using InstanceSaliency.Analysis.Statistics;

namespace InstanceSaliency.Analysis.Pooling;

/// <summary>Settings of `ies analyze` (`ies analyze`).</summary>
public sealed record AnalyzeOptions
{
    /// <summary>Default threshold on the out-of-fold FP probability at and above which a lesion is removed.</summary>
    public const double DefaultRemovalThreshold = 0.5;

    /// <summary>Saliency feature columns to test and to feed the classifier: exact names or patterns with <c>*</c>
    /// (e.g. <c>smoothgrad_*_peak</c>); null = every feature column. Context columns are always tested.</summary>
    public IReadOnlyList<string>? Features { get; init; }

    /// <summary>Seed of the bootstrap and of the fold assignment.</summary>
    public long Seed { get; init; }

    /// <summary>Bootstrap resamples B of every AUC interval (0 = no intervals).</summary>
    public int BootstrapResamples { get; init; } = BootstrapOptions.DefaultResamples;

    /// <summary>Pool runs whose options, model or columns differ (noted in summary.json).</summary>
    public bool AllowMixed { get; init; }

    /// <summary>Run the TP-vs-FP classifier (needs TP and FP lesions).</summary>
    public bool ErrorIdentification { get; init; } = true;

    /// <summary>Lesions with out-of-fold P(FP) ≥ this are removed in the "after" counts.</summary>
    public double RemovalThreshold { get; init; } = DefaultRemovalThreshold;

    /// <summary>Folds and classifier of the error identification (its seed is <see cref="Seed"/>).</summary>
    public CrossValidationOptions CrossValidation { get; init; } = new();

    /// <summary>Write PNG and SVG figures.</summary>
    public bool Figures { get; init; } = true;

    /// <summary>Checks the values a user can set.</summary>
    public void Validate()
    {
        if (BootstrapResamples < 0) throw new Imaging.InvalidInputException($"--bootstrap must be ≥ 0; got {BootstrapResamples}.");
        if (!(RemovalThreshold > 0 && RemovalThreshold < 1)) throw new Imaging.InvalidInputException($"--removal-threshold must be in (0, 1); got {RemovalThreshold}.");
        if (CrossValidation.MaximumFolds < 2) throw new Imaging.InvalidInputException($"--folds must be ≥ 2; got {CrossValidation.MaximumFolds}.");
    }
}
