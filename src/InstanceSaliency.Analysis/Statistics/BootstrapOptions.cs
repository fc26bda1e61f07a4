namespace InstanceSaliency.Analysis.Statistics;

/// <summary>Settings of a percentile bootstrap.</summary>
public sealed record BootstrapOptions
{
    /// <summary>Default number of resamples B.</summary>
    public const int DefaultResamples = 2000;

    /// <summary>Default coverage of the interval.</summary>
    public const double DefaultLevel = 0.95;

    /// <summary>Resamples B (0 skips the interval).</summary>
    public int Resamples { get; init; } = DefaultResamples;

    /// <summary>Coverage level in (0, 1).</summary>
    public double Level { get; init; } = DefaultLevel;

    /// <summary>Seed of the resampling: the same data and seed give the same interval.</summary>
    public long Seed { get; init; }
}
