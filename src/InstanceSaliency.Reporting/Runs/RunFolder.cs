using InstanceSaliency.Analysis.ExplainFolder;
using InstanceSaliency.Imaging;
using InstanceSaliency.Imaging.Nifti;
using InstanceSaliency.Imaging.Volumes;

namespace InstanceSaliency.Reporting.Runs;

/// <summary>
/// The output folder of <c>ies explain</c> (cli-contract.md): lesions.tsv, run.json (written last, so its presence
/// marks a complete run), labels.nii.gz, missed.nii.gz (with a ground truth) and maps/.
/// </summary>
public sealed class RunFolder
{
    RunFolder(string folder, IReadOnlyList<string> columns, IReadOnlyList<LesionTableRow> lesions, RunInputs inputs)
    {
        Folder = folder;
        Columns = columns;
        Lesions = lesions;
        Inputs = inputs;
        _labels = new Lazy<Volume<float>>(() => ReadInput(Path.Combine(folder, ExplainFiles.Labels), "label map"));
        _missed = new Lazy<Volume<float>>(() => ReadInput(Path.Combine(folder, ExplainFiles.Missed), "missed-lesion map"));
        _filtered = new Lazy<Volume<float>>(() => ReadInput(Path.Combine(folder, ExplainFiles.Filtered), "filtered-lesion map"));
    }

    readonly Lazy<Volume<float>> _labels, _missed, _filtered;

    /// <summary>The folder's absolute path.</summary>
    public string Folder { get; }

    /// <summary>lesions.tsv's column names.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>lesions.tsv's rows, in file order.</summary>
    public IReadOnlyList<LesionTableRow> Lesions { get; }

    /// <summary>What run.json says about the inputs.</summary>
    public RunInputs Inputs { get; }

    /// <summary>Opens <paramref name="folder"/>; a folder without lesions.tsv or run.json is an <see cref="InvalidInputException"/>.</summary>
    public static RunFolder Open(string folder)
    {
        string full = Path.GetFullPath(folder);
        if (!Directory.Exists(full)) throw new InvalidInputException($"{folder}: no such folder (expected the output folder of `ies explain`).");
        foreach (string name in new[] { ExplainFiles.RunRecord, ExplainFiles.LesionTable, ExplainFiles.Labels })
            if (!File.Exists(Path.Combine(full, name)))
                throw new InvalidInputException($"{folder}: no {name}; not a complete `ies explain` output folder (run.json is written last).");
        var table = LesionTableFile.Read(Path.Combine(full, ExplainFiles.LesionTable));
        return new RunFolder(full, table.Columns, table.Rows, RunInputs.Read(Path.Combine(full, ExplainFiles.RunRecord)));
    }

    /// <summary>Path of a map (maps/lesion-&lt;id4&gt;_&lt;method&gt;_&lt;channel&gt;.nii.gz), or null when the run did not compute it.</summary>
    public string? MapPath(int id, string method, string channel)
    {
        string path = Path.Combine(Folder, ExplainFiles.MapPath(id, method, channel));
        return File.Exists(path) ? path : null;
    }

    /// <summary>
    /// What the folder lacks for a full report, one sentence each: no maps/ folder, or lesions listed in lesions.tsv
    /// without any map. The report is still built (tables and figures without overlays), so these are warnings.
    /// </summary>
    public IReadOnlyList<string> MissingMaps()
    {
        if (Lesions.Count == 0) return [];
        string maps = Path.Combine(Folder, ExplainFiles.MapsFolder);
        if (!Directory.Exists(maps))
            return [$"{maps}: no maps folder; the report has no saliency overlays or map panels (run `ies explain` again to recreate them)."];
        var without = Lesions.Where(l => !Directory.EnumerateFiles(maps, $"lesion-{l.Id:D4}_*.nii.gz").Any()).Select(l => l.Id).ToList();
        return without.Count == 0 ? []
            : [$"{maps}: no map of lesion(s) {string.Join(", ", without)} of {Lesions.Count}; those lesions have no saliency overlays in the report."];
    }

    /// <summary>
    /// The voxels of one lesion as a 0/1 mask: from labels.nii.gz, missed.nii.gz for a missed (FN) lesion, or filtered.nii.gz
    /// for one the false-positive filter dropped.
    /// </summary>
    public Volume<byte> LesionMask(LesionTableRow lesion)
    {
        ArgumentNullException.ThrowIfNull(lesion);
        var labels = lesion.IsMissed ? _missed.Value : lesion.Filtered ? _filtered.Value : _labels.Value;
        return labels.Map(v => (byte)(Math.Round(v) == lesion.Id ? 1 : 0));
    }

    /// <summary>Reads an input image named in run.json, with a clear error when it has moved since the run.</summary>
    public static Volume<float> ReadInput(string path, string what) =>
        File.Exists(path) ? NiftiFile.ReadVolume(path)
            : throw new InvalidInputException($"{path}: the {what} named in run.json is missing; the report reads it from there.");
}
