namespace InstanceSaliency.Pipeline.Cohorts;

/// <summary>`ies cohort status`: the <see cref="TaskState"/> of every task of a plan, and the counts.</summary>
public sealed record CohortStatus(int Tasks, int Complete, int Incomplete, int Pending, IReadOnlyList<CohortStatus.Entry> Entries)
{
    /// <summary>Tasks whose last run refused their input (<see cref="TaskState.Failed"/>).</summary>
    public int Failed => Entries.Count(e => e.State == TaskState.Failed);

    /// <summary>One task's state and folder (relative to the derivatives folder).</summary>
    public sealed record Entry(string Id, string Output, TaskState State);

    public static CohortStatus Of(CohortPlan plan, string derivatives)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var entries = plan.Tasks.Select(t => new Entry(t.Id, t.Output, TaskFolder.State(t, derivatives, plan.ConfigurationSha256))).ToList();
        return new CohortStatus(entries.Count, entries.Count(e => e.State == TaskState.Complete), entries.Count(e => e.State == TaskState.Incomplete),
            entries.Count(e => e.State == TaskState.Pending), entries);
    }
}
