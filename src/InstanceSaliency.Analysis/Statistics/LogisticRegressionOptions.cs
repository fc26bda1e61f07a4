namespace InstanceSaliency.Analysis.Statistics;

/// <summary>Settings of <see cref="LogisticRegression"/>.</summary>
public sealed record LogisticRegressionOptions
{
    /// <summary>Default λ of the L2 penalty.</summary>
    public const double DefaultL2Penalty = 1.0;

    /// <summary>Default Newton iteration limit.</summary>
    public const int DefaultMaximumIterations = 100;

    /// <summary>Default convergence threshold on the largest Newton step (standardised units).</summary>
    public const double DefaultStepTolerance = 1e-10;

    /// <summary>λ in ½λ‖β‖² (β on standardised features, intercept not penalised); ≥ 0, &gt; 0 keeps separable data finite.</summary>
    public double L2Penalty { get; init; } = DefaultL2Penalty;

    /// <summary>Newton iteration limit.</summary>
    public int MaximumIterations { get; init; } = DefaultMaximumIterations;

    /// <summary>Stop when the largest |Newton step| falls below this.</summary>
    public double StepTolerance { get; init; } = DefaultStepTolerance;
}
