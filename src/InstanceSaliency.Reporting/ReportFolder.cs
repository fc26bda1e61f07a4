using InstanceSaliency.Imaging;

namespace InstanceSaliency.Reporting;

/// <summary>
/// The life cycle of a report folder: a report is built into a hidden temporary folder beside its final place
/// (<c>.NAME.partial-PID-GUID</c>) and swapped in only when complete, so a failed or killed build never leaves a
/// half-built assets/ or figures/. The report owns its whole folder: an existing folder is replaced only when it
/// is empty or holds an earlier report (its index.html); any other non-empty folder is refused, never deleted.
/// </summary>
static class ReportFolder
{
    /// <summary>Checks <paramref name="output"/> (full path) and returns a fresh temporary folder beside it.</summary>
    /// <exception cref="InvalidInputException">The folder holds files that are not a report.</exception>
    public static string BeginBuild(string output)
    {
        if (Directory.Exists(output) && Directory.EnumerateFileSystemEntries(output).Any() && !File.Exists(Path.Combine(output, "index.html")))
            throw new InvalidInputException($"--out {output}: the folder is not empty and holds no earlier report (index.html); a report replaces its whole folder, so name a new or empty folder.");
        string parent = Path.GetDirectoryName(output)!;
        Directory.CreateDirectory(parent);
        RemoveLeftovers(output);
        string temporary = Path.Combine(parent, $".{Path.GetFileName(output)}.partial-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(temporary);
        return temporary;
    }

    /// <summary>Moves the finished <paramref name="temporary"/> into place, replacing an earlier report.</summary>
    public static void Commit(string temporary, string output)
    {
        if (Directory.Exists(output))
        {
            string stale = Path.Combine(Path.GetDirectoryName(output)!, $".{Path.GetFileName(output)}.stale-{Guid.NewGuid():N}");
            Directory.Move(output, stale);
            Directory.Move(temporary, output);
            Directory.Delete(stale, recursive: true);
        }
        else Directory.Move(temporary, output);
    }

    /// <summary>Deletes <paramref name="temporary"/> after a failed build.</summary>
    public static void Abandon(string temporary)
    {
        try { Directory.Delete(temporary, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    /// <summary>Temporary and stale folders of earlier builds whose process no longer runs (a kill -9).</summary>
    static void RemoveLeftovers(string output)
    {
        string parent = Path.GetDirectoryName(output)!;
        foreach (string leftover in Directory.EnumerateDirectories(parent, $".{Path.GetFileName(output)}.*").ToList())
        {
            string name = Path.GetFileName(leftover);
            string[] parts = name[(Path.GetFileName(output).Length + 2)..].Split('-');
            bool live = parts is ["partial", var pid, _] && int.TryParse(pid, out int p) && IsRunning(p);
            if (!live) Abandon(leftover);
        }
    }

    static bool IsRunning(int pid)
    {
        try { using var process = System.Diagnostics.Process.GetProcessById(pid); return !process.HasExited; }
        catch (ArgumentException) { return false; }
        catch (InvalidOperationException) { return false; }
    }
}
