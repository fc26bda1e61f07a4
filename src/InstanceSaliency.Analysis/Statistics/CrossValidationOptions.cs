namespace InstanceSaliency.Analysis.Statistics;

/// <summary>Settings of <see cref="GroupedCrossValidation"/>.</summary>
public sealed record CrossValidationOptions
{
    /// <summary>Default largest number of folds K (leave-one-scan-out up to K scans).</summary>
    public const int DefaultMaximumFolds = 10;

    /// <summary>K: leave-one-group-out for up to K groups, else K folds of groups.</summary>
    public int MaximumFolds { get; init; } = DefaultMaximumFolds;

    /// <summary>Seed of the shuffle of groups into folds (used only when there are more than K groups).</summary>
    public long Seed { get; init; }

    /// <summary>The classifier fitted on each training fold.</summary>
    public LogisticRegressionOptions Regression { get; init; } = new();
}
