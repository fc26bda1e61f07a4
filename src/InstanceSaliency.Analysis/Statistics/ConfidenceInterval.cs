namespace InstanceSaliency.Analysis.Statistics;

/// <summary>An interval [Lower, Upper] at a coverage level (0.95 = 95%); NaN bounds when not computed.</summary>
public sealed record ConfidenceInterval(double Lower, double Upper, double Level)
{
    /// <summary>No interval (too few values, or zero resamples requested).</summary>
    public static ConfidenceInterval None(double level) => new(double.NaN, double.NaN, level);
}
