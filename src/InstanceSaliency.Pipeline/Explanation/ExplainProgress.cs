namespace InstanceSaliency.Pipeline.Explanation;

/// <summary>
/// Progress of an explain run: the current step, and over the saliency work units (lesion × method) how many
/// are done, with the estimated time left from the measured pace (null before the first unit finishes).
/// </summary>
public sealed record ExplainProgress(string Step, int Done, int Total, TimeSpan? Remaining);
