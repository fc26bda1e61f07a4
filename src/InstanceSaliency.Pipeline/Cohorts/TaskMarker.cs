using InstanceSaliency.Analysis.ExplainFolder;
using System.Globalization;
using System.Text.Json;
using InstanceSaliency.Pipeline.Explanation;
using InstanceSaliency.Imaging;

namespace InstanceSaliency.Pipeline.Cohorts;

/// <summary>
/// complete.json, the completion marker of a cohort task: written (atomically) last, after the task's folder was
/// renamed into place, so a folder with a valid marker is a finished result and anything else is redone. It
/// records the configuration's hash, the inputs (path, size, modification time, SHA-256) and every output file
/// with its size. Checking it reads only sizes and times, never whole files: cheap for thousands of tasks.
/// </summary>
public sealed record TaskMarker(string Task, string ConfigurationSha256, string ToolVersion, IReadOnlyList<TaskMarker.Input> Inputs, IReadOnlyList<TaskMarker.Output> Outputs)
{
    public const string FileName = "complete.json";

    /// <summary>An input file as the task saw it: modification time in UTC, ISO 8601 round-trip format.</summary>
    public sealed record Input(string Path, long Bytes, string ModifiedUtc, string Sha256);

    /// <summary>An output file, relative to the task's folder ('/' separators).</summary>
    public sealed record Output(string Path, long Bytes);

    /// <summary>Writes the marker of <paramref name="task"/> into its finished <paramref name="folder"/>.</summary>
    public static void Write(string folder, CohortTask task, string configurationSha256)
    {
        var inputs = task.Inputs.Select(p => new Input(p, new FileInfo(p).Length, Modified(p), FileHash.Sha256(p))).ToList();
        var outputs = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(folder, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(f => f != FileName).Order(StringComparer.Ordinal)
            .Select(f => new Output(f, new FileInfo(Path.Combine(folder, f)).Length)).ToList();
        var marker = new TaskMarker(task.Id, configurationSha256, RunRecordFile.ToolVersion, inputs, outputs);
        AtomicFile.WriteText(Path.Combine(folder, FileName), JsonSerializer.Serialize(marker, CohortJson.Indented) + "\n");
    }

    /// <summary>
    /// True when <paramref name="folder"/> holds a marker of <paramref name="task"/> under this configuration, its inputs
    /// are unchanged and every listed output is there with its size.
    /// </summary>
    public static bool IsValid(string folder, CohortTask task, string configurationSha256)
    {
        var marker = CohortJson.TryRead<TaskMarker>(Path.Combine(folder, FileName));
        if (marker?.Inputs is null || marker.Outputs is null || marker.Task != task.Id || marker.ConfigurationSha256 != configurationSha256) return false;
        var expected = task.Inputs.ToList();
        if (marker.Inputs.Count != expected.Count) return false;
        for (int n = 0; n < expected.Count; n++)
        {
            var recorded = marker.Inputs[n];
            if (recorded.Path != expected[n] || !File.Exists(expected[n])) return false;
            if (new FileInfo(expected[n]).Length != recorded.Bytes || Modified(expected[n]) != recorded.ModifiedUtc) return false;
        }
        if (marker.Outputs.Count == 0) return false;
        foreach (var output in marker.Outputs)
        {
            var file = new FileInfo(Path.Combine(folder, output.Path.Replace('/', Path.DirectorySeparatorChar)));
            if (!file.Exists || file.Length != output.Bytes) return false;
        }
        return true;
    }

    static string Modified(string path) => File.GetLastWriteTimeUtc(path).ToString("O", CultureInfo.InvariantCulture);
}
