namespace InstanceSaliency.Pipeline.Cohorts;

/// <summary>Where a cohort task stands.</summary>
public enum TaskState
{
    /// <summary>Nothing of it exists yet.</summary>
    Pending,

    /// <summary>
    /// Something exists but is not a valid result: a temporary or stale folder beside it, a folder without
    /// completion marker, a marker of another configuration, changed inputs, or a listed output missing. Redone.
    /// </summary>
    Incomplete,

    /// <summary>
    /// Its last run refused its input (<see cref="TaskFolder.MarkFailed"/>: the reason is kept beside the task's
    /// folder); redone, and the mark cleared, by the next run.
    /// </summary>
    Failed,

    /// <summary>Its folder holds a completion marker of the plan's configuration, matching inputs and every listed output.</summary>
    Complete,
}
