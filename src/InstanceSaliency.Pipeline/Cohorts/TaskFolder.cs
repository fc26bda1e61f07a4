namespace InstanceSaliency.Pipeline.Cohorts;

/// <summary>
/// The life cycle of a task's folder on disk. A task writes into <c>.&lt;id&gt;.partial-&lt;pid&gt;-&lt;guid&gt;</c>
/// beside its final folder, renames it into place (one atomic rename) and writes its <see cref="TaskMarker"/>
/// last. A folder to redo is first renamed to <c>.&lt;id&gt;.stale-&lt;guid&gt;</c> and then deleted, so a kill during
/// the deletion leaves a hidden leftover, never a half-deleted folder under the final name. Leftovers
/// (<c>.&lt;id&gt;.*</c>) are removed by the next run.
/// </summary>
public static class TaskFolder
{
    /// <summary>Where <paramref name="task"/> stands under <paramref name="derivatives"/> for configuration <paramref name="configurationSha256"/>.</summary>
    public static TaskState State(CohortTask task, string derivatives, string configurationSha256)
    {
        string folder = task.FolderIn(derivatives);
        if (Directory.Exists(folder)) return TaskMarker.IsValid(folder, task, configurationSha256) ? TaskState.Complete : TaskState.Incomplete;
        if (File.Exists(FailedMark(task, derivatives))) return TaskState.Failed;
        return Leftovers(task, derivatives).Any() ? TaskState.Incomplete : TaskState.Pending;
    }

    /// <summary>The failure mark of <paramref name="task"/>: <c>.&lt;id&gt;.failed</c> beside its folder, holding the reason.</summary>
    public static string FailedMark(CohortTask task, string derivatives) =>
        Path.Combine(Path.GetDirectoryName(task.FolderIn(derivatives))!, $".{task.Id}.failed");

    /// <summary>Records that <paramref name="task"/> failed, with <paramref name="reason"/>; <see cref="Clear"/> removes it.</summary>
    public static void MarkFailed(CohortTask task, string derivatives, string reason)
    {
        string mark = FailedMark(task, derivatives);
        Directory.CreateDirectory(Path.GetDirectoryName(mark)!);
        Imaging.AtomicFile.WriteText(mark, reason + "\n");
    }

    /// <summary>Temporary and stale folders of <paramref name="task"/> beside its final folder.</summary>
    public static IEnumerable<string> Leftovers(CohortTask task, string derivatives)
    {
        string parent = Path.GetDirectoryName(task.FolderIn(derivatives))!;
        return Directory.Exists(parent) ? Directory.EnumerateDirectories(parent, $".{task.Id}.*").ToList() : [];
    }

    /// <summary>Removes the leftovers and, when <paramref name="includingFinal"/>, the final folder (renamed away first).</summary>
    public static void Clear(CohortTask task, string derivatives, bool includingFinal)
    {
        string folder = task.FolderIn(derivatives);
        if (includingFinal && Directory.Exists(folder))
            Directory.Move(folder, Path.Combine(Path.GetDirectoryName(folder)!, $".{task.Id}.stale-{Guid.NewGuid():N}"));
        foreach (string leftover in Leftovers(task, derivatives))
            Directory.Delete(leftover, recursive: true);
        if (File.Exists(FailedMark(task, derivatives))) File.Delete(FailedMark(task, derivatives));
    }

    /// <summary>A fresh temporary folder beside the final one, created.</summary>
    public static string CreateTemporary(CohortTask task, string derivatives)
    {
        string parent = Path.GetDirectoryName(task.FolderIn(derivatives))!;
        Directory.CreateDirectory(parent);
        string temporary = Path.Combine(parent, $".{task.Id}.partial-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(temporary);
        return temporary;
    }
}
