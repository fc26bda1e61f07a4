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

    /// <summary>One row per explained lesion (<see cref="LesionTableFile"/>).</summary>
    public const string LesionTable = "lesions.tsv";

    /// <summary>The run record, written last: its presence marks a complete folder (<see cref="RunRecordFile"/>).</summary>
    public const string RunRecord = "run.json";

    /// <summary>The folder of the per-lesion maps.</summary>
    public const string MapsFolder = "maps";

    /// <summary>maps/lesion-&lt;id4&gt;_&lt;method&gt;_&lt;channel&gt;.nii.gz, relative to the run folder.</summary>
    public static string MapPath(int id, string method, string channel) => Path.Combine(MapsFolder, MapFileName(id, method, channel));

    /// <summary>lesion-&lt;id4&gt;_&lt;method&gt;_&lt;channel&gt;.nii.gz (cli-contract.md).</summary>
    public static string MapFileName(int id, string method, string channel) => $"lesion-{id:D4}_{method}_{channel}.nii.gz";
}
