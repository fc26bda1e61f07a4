using InstanceSaliency.Pipeline.Scans;
using InstanceSaliency.Pipeline.Datasets;
using InstanceSaliency.Pipeline.Explanation;

namespace InstanceSaliency.Pipeline.Cohorts;

/// <summary>
/// One task of a cohort plan: one scan, its absolute input paths and its output folder relative to the
/// derivatives folder ('/' separators, <see cref="CohortScan.OutputFolder"/>).
/// </summary>
public sealed record CohortTask(string Id, string Subject, string? Session, string Flair, string T1, string? Truth, string Output)
{
    public static CohortTask Of(CohortScan scan) =>
        new(scan.Id, scan.Subject, scan.Session, scan.FlairPath, scan.T1Path, scan.TruthPath, scan.OutputFolder) { BrainMask = scan.BrainMaskPath };

    /// <summary>The brain mask, when the scan has one (absent from the plan otherwise, so plans without masks keep their bytes).</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? BrainMask { get; init; }

    /// <summary>The inputs as ExplainRun takes them.</summary>
    public ScanPaths Scan => new(Flair, T1, Truth, BrainMask);

    /// <summary>The input files, in the order the marker records them.</summary>
    public IEnumerable<string> Inputs => new[] { Flair, T1, Truth, BrainMask }.OfType<string>();

    /// <summary>The task's final folder under <paramref name="derivatives"/>.</summary>
    public string FolderIn(string derivatives) => Path.Combine(derivatives, Output.Replace('/', Path.DirectorySeparatorChar));
}
