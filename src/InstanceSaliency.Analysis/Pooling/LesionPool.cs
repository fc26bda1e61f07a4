using InstanceSaliency.Analysis.ExplainFolder;
using InstanceSaliency.Analysis.Statistics;
using InstanceSaliency.Imaging;

namespace InstanceSaliency.Analysis.Pooling;

/// <summary>
/// The lesions of many explain runs (one per scan) pooled into one table. Loading refuses duplicate runs (the
/// same folder twice, or two runs of the same FLAIR by hash), and, unless mixing is allowed, runs whose feature
/// columns, feature-changing options (run.json "options" other than <see cref="RunIdentity.IgnoredOptions"/>)
/// or model hash differ. With mixing allowed, differing options are noted and only the columns common to all
/// runs are kept.
/// </summary>
public sealed record LesionPool(IReadOnlyList<string> Columns, IReadOnlyList<PooledLesion> Lesions, IReadOnlyList<string> Scans, IReadOnlyList<string> Notes)
{
    /// <summary>
    /// The segmentation's lesion-wise counts summed over the runs, from run.json (every component, as `ies lesions
    /// --truth` counts them); null when a run does not record them.
    /// </summary>
    public LesionCounts? SegmentationCounts { get; init; }

    /// <summary>Context columns analysed beside the saliency features.</summary>
    public static readonly string[] AnalysedContextColumns = ["voxels", "volume_mm3", "mean_probability"];

    /// <summary>The saliency feature columns: every column that is not a context column of lesions.tsv nor a false-positive filter's verdict.</summary>
    public IReadOnlyList<string> FeatureColumns => Columns.Where(c => !LesionTableFile.ContextColumns.Contains(c) && !LesionFilterVerdict.Columns.Contains(c)).ToArray();

    /// <summary>Values of one column, in lesion order.</summary>
    public double[] Column(string name)
    {
        int j = Columns.ToList().IndexOf(name);
        if (j < 0) throw new ArgumentException($"No column \"{name}\" in the cohort.", nameof(name));
        return Lesions.Select(l => l.Values[j]).ToArray();
    }

    /// <summary>Reads and pools the run folders.</summary>
    public static LesionPool Load(IReadOnlyList<string> folders, bool allowMixed)
    {
        if (folders.Count == 0) throw new InvalidInputException("analyze: name at least one RUN_DIR.");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string folder in folders)
            if (!seen.Add(Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder))))
                throw new InvalidInputException($"{folder}: run folder given twice (duplicate runs).");
        var runs = folders.Select(RunTable.Read).ToList();
        var notes = new List<string>();
        RefuseDuplicateScans(runs);
        runs = NameScans(runs);
        var columns = CommonColumns(runs, allowMixed, notes);
        CheckIdentities(runs, allowMixed, notes);
        var lesions = runs.SelectMany(r => r.Lesions.Select(l => l with { Values = columns.Select(c => l.Values[IndexOf(r.Columns, c)]).ToArray() })).ToArray();
        if (lesions.Length == 0) throw new InvalidInputException($"analyze: no lesion in any of the {runs.Count} run(s) " +
            $"({string.Join(", ", runs.Select(r => Path.Combine(r.Folder, ExplainFiles.LesionTable)))} have no rows).");
        var missing = runs.FirstOrDefault(r => r.SegmentationCounts is null);
        if (missing is not null && runs.Any(r => r.Lesions.Any(l => l.Type is not global::InstanceSaliency.Lesions.LesionType.Unlabelled)))
            notes.Add($"{Path.Combine(missing.Folder, ExplainFiles.RunRecord)} records no lesion metrics: F1/PPV before and after are counted from the lesions.tsv rows (explained lesions only).");
        var counts = missing is null
            ? new LesionCounts(runs.Sum(r => r.SegmentationCounts!.Tp), runs.Sum(r => r.SegmentationCounts!.Fp), runs.Sum(r => r.SegmentationCounts!.Fn))
            : null;
        return new LesionPool(columns, lesions, runs.Select(r => r.ScanId).ToArray(), notes) { SegmentationCounts = counts };
    }

    static void RefuseDuplicateScans(List<RunTable> runs)
    {
        foreach (var same in runs.Where(r => r.Identity.FlairSha256 is not null).GroupBy(r => r.Identity.FlairSha256).Where(g => g.Count() > 1))
            throw new InvalidInputException($"{same.ElementAt(0).Folder} and {same.ElementAt(1).Folder}: both explain the same FLAIR (sha256 {same.Key}); duplicate runs.");
    }

    /// <summary>Scan id = folder name; folders of the same name fall back to their FLAIR file's name stem.</summary>
    static List<RunTable> NameScans(List<RunTable> runs)
    {
        var clashing = runs.GroupBy(r => r.ScanId).Where(g => g.Count() > 1).SelectMany(g => g).ToHashSet();
        var named = runs.Select(r => !clashing.Contains(r) || r.Identity.FlairPath is null ? r : Rename(r, Stem(r.Identity.FlairPath))).ToList();
        foreach (var same in named.GroupBy(r => r.ScanId).Where(g => g.Count() > 1))
            throw new InvalidInputException($"{same.ElementAt(0).Folder} and {same.ElementAt(1).Folder}: both are scan \"{same.Key}\" (folder name and FLAIR name); give each scan its own folder " +
                $"name.");
        return named;
    }

    static RunTable Rename(RunTable r, string scan) => r with { ScanId = scan, Lesions = r.Lesions.Select(l => l with { Scan = scan }).ToArray() };

    static string Stem(string path)
    {
        string name = Path.GetFileName(path);
        foreach (string ext in new[] { ".nii.gz", ".nii" })
            if (name.EndsWith(ext, StringComparison.OrdinalIgnoreCase)) return name[..^ext.Length];
        return name;
    }

    static string[] CommonColumns(List<RunTable> runs, bool allowMixed, List<string> notes)
    {
        var first = runs[0];
        var common = first.Columns.Where(c => runs.All(r => r.Columns.Contains(c))).ToArray();
        foreach (var run in runs.Skip(1))
        {
            string? onlyFirst = first.Columns.FirstOrDefault(c => !run.Columns.Contains(c));
            string? onlyRun = run.Columns.FirstOrDefault(c => !first.Columns.Contains(c));
            if (onlyFirst is null && onlyRun is null) continue;
            string what = onlyFirst is not null
                ? $"column \"{onlyFirst}\" of {Path.Combine(first.Folder, ExplainFiles.LesionTable)} is missing in {Path.Combine(run.Folder, ExplainFiles.LesionTable)}"
                : $"column \"{onlyRun}\" of {Path.Combine(run.Folder, ExplainFiles.LesionTable)} is missing in {Path.Combine(first.Folder, ExplainFiles.LesionTable)}";
            if (!allowMixed) throw new InvalidInputException($"mismatched runs: {what}; explain every scan with the same options, or pass --allow-mixed to keep the common columns.");
            notes.Add($"mixed runs: {what}; kept the {common.Length} common columns.");
        }
        return common;
    }

    static void CheckIdentities(List<RunTable> runs, bool allowMixed, List<string> notes)
    {
        var first = runs[0];
        foreach (var run in runs.Skip(1))
            foreach (string key in first.Identity.Settings.Keys.Union(run.Identity.Settings.Keys))
            {
                string a = first.Identity.Settings.GetValueOrDefault(key, "(absent)"), b = run.Identity.Settings.GetValueOrDefault(key, "(absent)");
                if (a == b) continue;
                string what = $"{key} is {a} in {Path.Combine(first.Folder, ExplainFiles.RunRecord)} but {b} in {Path.Combine(run.Folder, ExplainFiles.RunRecord)}";
                if (!allowMixed) throw new InvalidInputException($"mismatched runs: {what}; pass --allow-mixed to pool them anyway.");
                notes.Add($"mixed runs: {what}.");
            }
    }

    static int IndexOf(IReadOnlyList<string> columns, string name)
    {
        for (int j = 0; j < columns.Count; j++) if (columns[j] == name) return j;
        return -1;
    }
}
