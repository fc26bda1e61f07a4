namespace InstanceSaliency.Pipeline.Explanation;

/// <summary>
/// Progress of an explain run: the current step, and over the saliency work units (lesion × method) how many
/// are done, with the estimated time left from the measured pace (null before the first unit finishes).
/// </summary>
public sealed record ExplainProgress(string Step, int Done, int Total, TimeSpan? Remaining)
{
    /// <summary>The step of a warning about the inputs (e.g. a mask's values); the message follows it.</summary>
    public const string WarningStep = "warning";

    /// <summary>A warning to show the user (the library never prints; the command line does).</summary>
    public static ExplainProgress Warning(string message) => new($"{WarningStep}: {message}", 0, 0, null);

    /// <summary>Whether this is a <see cref="Warning"/>.</summary>
    public bool IsWarning => Step.StartsWith(WarningStep + ": ", StringComparison.Ordinal);
}
