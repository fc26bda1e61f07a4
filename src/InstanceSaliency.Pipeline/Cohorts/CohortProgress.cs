namespace InstanceSaliency.Pipeline.Cohorts;

/// <summary>
/// Progress of a cohort run: task <see cref="Position"/> (1-based) of the <see cref="Count"/> this shard does, what
/// happens to it, and the time left for the shard from the mean time of the tasks done so far (null before the
/// first).
/// </summary>
public sealed record CohortProgress(string TaskId, int Position, int Count, string Message, TimeSpan? Remaining);
