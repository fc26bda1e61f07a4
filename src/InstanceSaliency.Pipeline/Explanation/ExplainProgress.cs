namespace InstanceSaliency.Pipeline.Explanation;

/// <summary>
/// Progress of an explain run: the current step, and over the saliency work units (lesion × method) how many
/// are done, with the estimated time left from the measured pace (null before the first unit finishes), and the
/// exact Jacobian rows per second of the max aggregation's last lesion (|Ω| × N over its time; null before one).
/// </summary>
public sealed record ExplainProgress(string Step, int Done, int Total, TimeSpan? Remaining, double? RowsPerSecond = null)
{
    /// <summary>The step of a warning line: its text starts with this ("warning: ...").</summary>
    public const string WarningPrefix = "warning: ";

    /// <summary>A line for the user about the input (resampling done, a mask binarised, a skull-on FLAIR).</summary>
    public static ExplainProgress Warning(string text) => new(WarningPrefix + text, 0, 0, null);

    /// <summary>Whether this is a <see cref="Warning"/>.</summary>
    public bool IsWarning => Step.StartsWith(WarningPrefix, StringComparison.Ordinal);
}
