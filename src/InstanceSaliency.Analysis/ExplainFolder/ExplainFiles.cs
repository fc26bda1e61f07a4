namespace InstanceSaliency.Analysis.ExplainFolder;

/// <summary>
/// The names of the files an explain run writes into its folder (cli-contract.md): the product's interface between
/// explain, analyze, cohort gather and report. Every reader and writer takes the names from here.
/// </summary>
public static class ExplainFiles
{
    /// <summary>The predicted instances (ids 1..n).</summary>
    public const string Labels = "labels.nii.gz";

    /// <summary>The missed (FN) ground-truth components, ids continuing after n; only with a ground truth.</summary>
    public const string Missed = "missed.nii.gz";

    /// <summary>
    /// With `explain --fp-filter`: the predicted lesions the model's false-positive filter dropped from labels.nii.gz, with
    /// their ids (labels.nii.gz keeps the others' ids, so lesions.tsv, the maps and both label maps agree).
    /// </summary>
    public const string Filtered = "filtered.nii.gz";

    /// <summary>One row per explained lesion (<see cref="LesionTableFile"/>).</summary>
    public const string LesionTable = "lesions.tsv";

    /// <summary>The run record, written last: its presence marks a complete folder (<see cref="RunRecordFile"/>).</summary>
    public const string RunRecord = "run.json";

    /// <summary>
    /// The folder of the network's input on its working grid, written only when the model works on another grid than
    /// the FLAIR's (a model with spacing_mm on a scan of another voxel size): the maps lie on that grid.
    /// </summary>
    public const string WorkingFolder = "working";

    /// <summary>working/flair.nii.gz: the FLAIR as the network saw it (reoriented, resampled, brain-masked; before normalisation), with the working grid's affine.</summary>
    public static readonly string WorkingFlair = Path.Combine(WorkingFolder, "flair.nii.gz");

    /// <summary>working/t1.nii.gz: the T1 as the network saw it, on the working grid.</summary>
    public static readonly string WorkingT1 = Path.Combine(WorkingFolder, "t1.nii.gz");

    /// <summary>working/labels.nii.gz: every explained lesion's Ω on the working grid (its native component mapped by nearest neighbour), same ids.</summary>
    public static readonly string WorkingLabels = Path.Combine(WorkingFolder, "labels.nii.gz");

    /// <summary>The folder of the per-lesion maps.</summary>
    public const string MapsFolder = "maps";

    /// <summary>maps/lesion-&lt;id4&gt;_&lt;method&gt;_&lt;channel&gt;.nii.gz, relative to the run folder.</summary>
    public static string MapPath(int id, string method, string channel) => Path.Combine(MapsFolder, MapFileName(id, method, channel));

    /// <summary>lesion-&lt;id4&gt;_&lt;method&gt;_&lt;channel&gt;.nii.gz (cli-contract.md).</summary>
    public static string MapFileName(int id, string method, string channel) => $"lesion-{id:D4}_{method}_{channel}.nii.gz";

    /// <summary>
    /// Removes every file an explain run owns in <paramref name="folder"/> — run.json first (so the folder stops
    /// looking complete), then labels, missed, filtered, lesions.tsv and maps/lesion-*.nii.gz — and nothing else: a rerun
    /// into the folder of an earlier run never leaves a map or a missed-lesion file of that run beside the new
    /// run.json, and files the run does not own (a report/ folder, a user's notes) are never deleted.
    /// </summary>
    /// <returns>How many files were removed.</returns>
    public static int ClearOwned(string folder)
    {
        int removed = 0;
        foreach (string name in new[] { RunRecord, Labels, Missed, Filtered, LesionTable })
            removed += Delete(Path.Combine(folder, name));
        string maps = Path.Combine(folder, MapsFolder);
        if (Directory.Exists(maps))
            foreach (string map in Directory.EnumerateFiles(maps, "lesion-*.nii.gz").ToList())
                removed += Delete(map);
        return removed;
    }

    static int Delete(string file)
    {
        if (!File.Exists(file)) return 0;
        File.Delete(file);
        return 1;
    }
}
