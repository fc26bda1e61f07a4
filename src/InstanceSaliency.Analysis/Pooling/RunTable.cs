using InstanceSaliency.Analysis.ExplainFolder;
using InstanceSaliency.Analysis.Statistics;
using InstanceSaliency.Imaging;

namespace InstanceSaliency.Analysis.Pooling;

/// <summary>
/// One explain run folder read for pooling: its lesions.tsv (<see cref="LesionTableFile"/>) and run.json
/// (<see cref="RunIdentity"/>). The scan id is the folder's name. <see cref="SegmentationCounts"/> are run.json's
/// lesion-wise counts over every component (README, Conventions; null for a run without a ground truth or written
/// before they were recorded): lesions.tsv holds only the explained lesions, so counting rows would leave out the
/// small and the unchosen ones.
/// </summary>
public sealed record RunTable(string Folder, string ScanId, IReadOnlyList<string> Columns, IReadOnlyList<PooledLesion> Lesions, RunIdentity Identity,
    LesionCounts? SegmentationCounts = null)
{
    /// <summary>Reads a run folder; errors name the file, line and column.</summary>
    public static RunTable Read(string folder)
    {
        if (!Directory.Exists(folder)) throw new InvalidInputException($"{folder}: no such run folder.");
        string tsv = Path.Combine(folder, ExplainFiles.LesionTable), json = Path.Combine(folder, ExplainFiles.RunRecord);
        if (!File.Exists(tsv)) throw new InvalidInputException($"{tsv}: missing; RUN_DIR must be an `ies explain` output folder.");
        if (!File.Exists(json)) throw new InvalidInputException($"{json}: missing; the run is incomplete (explain writes run.json last).");
        string scan = Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder)));
        var table = LesionTableFile.Read(tsv);
        var lesions = table.Rows.Select(r => new PooledLesion(scan, r.Id, r.Type, r.Values)).ToArray();
        var metrics = RunRecordFile.Read(json).Lesions?.Metrics;
        var counts = metrics is null ? null : new LesionCounts(metrics.Tp, metrics.Fp, metrics.Fn);
        return new RunTable(folder, scan, table.NumericColumns, lesions, RunIdentity.Read(json), counts);
    }
}
