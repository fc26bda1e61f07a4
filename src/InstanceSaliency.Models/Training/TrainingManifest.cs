using InstanceSaliency.Imaging;
using InstanceSaliency.Imaging.BrainMasks;
using InstanceSaliency.Imaging.Nifti;
using InstanceSaliency.Imaging.Resampling;
using InstanceSaliency.Imaging.Volumes;
using InstanceSaliency.Models.Checkpoints;
using InstanceSaliency.Models.Inference;

namespace InstanceSaliency.Models.Training;

/// <summary>One row of a training manifest: file paths (absolute) and the split, "train" or "validation".</summary>
public sealed record TrainingCaseEntry(string Name, string FlairPath, string T1Path, string MaskPath, string Split)
{
    /// <summary>The case's brain mask (manifest column <c>brain_mask</c>), when there is one: FLAIR and T1 are 0 outside it.</summary>
    public string? BrainMaskPath { get; init; }

    /// <summary>The case's site (manifest column <c>site</c>): training draws sites equally often, validation averages site means. Empty = one site.</summary>
    public string Site { get; init; } = "";

    /// <summary>
    /// The model whose predictions (and their features) `ies train fp-filter` learns from on this scan (manifest column
    /// <c>predictions_model</c>): one that never trained on it, e.g. a leave-one-site-out model. Null = the command's --model.
    /// </summary>
    public string? PredictionsModelPath { get; init; }
}

/// <summary>
/// Where the cases of a run come from. A manifest is a tab-separated file whose header names the columns
/// <c>flair</c>, <c>t1</c>, <c>mask</c>, <c>split</c> (train | validation; "val" also accepted) and optionally
/// <c>name</c>, <c>site</c> (sites are drawn equally often in training and averaged equally in validation) and
/// <c>brain_mask</c> (skull-on scans: outside the brain becomes 0, as <c>ies segment --brain-mask</c> does) and
/// <c>predictions_model</c> (read by <c>ies train fp-filter</c> only);
/// relative paths are relative to the manifest's folder. A case folder holds one sub-folder per case
/// with <c>flair.nii.gz</c>, <c>t1.nii.gz</c>, <c>mask.nii.gz</c>; named cases go to validation, the rest to training.
/// </summary>
public static class TrainingManifest
{
    static readonly string[] Required = ["flair", "t1", "mask", "split"];

    /// <summary>Reads a manifest; errors name the file, the line and the column.</summary>
    public static IReadOnlyList<TrainingCaseEntry> Read(string path)
    {
        if (!File.Exists(path)) throw new InvalidInputException($"{path}: the training manifest does not exist.");
        var lines = File.ReadAllLines(path).Where(l => l.Trim().Length > 0 && !l.StartsWith('#')).ToArray();
        if (lines.Length < 2) throw new InvalidInputException($"{path}: the manifest needs a header line and at least one case.");
        var header = lines[0].Split('\t').Select(h => h.Trim().ToLowerInvariant()).ToList();
        var missing = Required.Where(c => !header.Contains(c)).ToArray();
        if (missing.Length > 0)
            throw new InvalidInputException($"{path}: the manifest header lacks the column(s) {string.Join(", ", missing)}; it needs tab-separated columns flair, t1, mask, split (and optionally " +
                $"name, site, brain_mask). Header read: [{string.Join(", ", header)}].");
        string folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var entries = new List<TrainingCaseEntry>();
        for (int line = 1; line < lines.Length; line++)
        {
            var cells = lines[line].Split('\t');
            if (cells.Length < header.Count)
                throw new InvalidInputException($"{path}, line {line + 1}: {cells.Length} column(s), the header has {header.Count}.");
            string Cell(string column) => cells[header.IndexOf(column)].Trim();
            string Resolve(string column)
            {
                string p = Path.GetFullPath(Path.Combine(folder, Cell(column)));
                return File.Exists(p) ? p : throw new InvalidInputException($"{path}, line {line + 1}, column {column}: {p} does not exist.");
            }
            string split = NormaliseSplit(Cell("split"), $"{path}, line {line + 1}, column split");
            string flair = Resolve("flair");
            string name = header.Contains("name") ? Cell("name") : Path.GetFileName(Path.GetDirectoryName(flair)) ?? $"case{line}";
            entries.Add(new TrainingCaseEntry(name, flair, Resolve("t1"), Resolve("mask"), split)
            {
                BrainMaskPath = header.Contains("brain_mask") && Cell("brain_mask").Length > 0 ? Resolve("brain_mask") : null,
                Site = header.Contains("site") ? Cell("site") : "",
                PredictionsModelPath = header.Contains("predictions_model") && Cell("predictions_model").Length > 0 ? Resolve("predictions_model") : null,
            });
        }
        return entries;
    }

    /// <summary>The cases of a folder (sub-folders with flair.nii.gz, t1.nii.gz, mask.nii.gz), sorted by name.</summary>
    public static IReadOnlyList<TrainingCaseEntry> FromFolder(string folder, IReadOnlyCollection<string> validationCases)
    {
        if (!Directory.Exists(folder)) throw new InvalidInputException($"{folder}: the case folder does not exist.");
        var entries = Directory.GetDirectories(folder).Order(StringComparer.Ordinal)
            .Where(d => File.Exists(Path.Combine(d, "flair.nii.gz")))
            .Select(d =>
            {
                string name = Path.GetFileName(d);
                foreach (var f in new[] { "t1.nii.gz", "mask.nii.gz" })
                    if (!File.Exists(Path.Combine(d, f))) throw new InvalidInputException($"{d}: has flair.nii.gz but no {f}.");
                return new TrainingCaseEntry(name, Path.Combine(d, "flair.nii.gz"), Path.Combine(d, "t1.nii.gz"), Path.Combine(d, "mask.nii.gz"),
                    validationCases.Contains(name) ? "validation" : "train");
            }).ToList();
        if (entries.Count == 0) throw new InvalidInputException($"{folder}: no case sub-folder with flair.nii.gz, t1.nii.gz and mask.nii.gz.");
        foreach (var v in validationCases.Where(v => entries.All(e => e.Name != v)))
            throw new InvalidInputException($"{folder}: the validation case {v} is not a sub-folder with flair.nii.gz.");
        return entries;
    }

    /// <summary>
    /// Reads the NIfTI files of <paramref name="entries"/> (each mask on its FLAIR's grid; the T1 and brain mask on
    /// any grid overlapping it). Outside the brain mask FLAIR and T1 become 0 on the FLAIR's grid, as in
    /// <c>ies segment --brain-mask</c>. With <paramref name="workingGrid"/> (the model's <c>spacing_mm</c> and
    /// <c>axis_convention</c>, issue 14) a training case on another voxel size or axis order is put on its
    /// working grid the way the segmenter puts a scan there (<see cref="WorkingGrid.ToWorking"/>: reoriented,
    /// trilinear, anti-aliased; the lesion mask trilinear then &gt; 0.5), so the network learns on what it will see;
    /// validation cases stay on the FLAIR's grid, where the segmenter scores them as <c>ies segment</c> would.
    /// </summary>
    public static TrainingData Load(IReadOnlyList<TrainingCaseEntry> entries, ModelDescription? workingGrid = null, IProgress<string>? progress = null)
    {
        var warnings = new List<string>();
        var cases = entries.Select(e =>
        {
            var (flair, t1, mask) = ReadNative(e, warnings);
            if (e.Split == "train" && workingGrid is not null && ModelWorkingGrid.For(workingGrid, flair.Geometry, e.FlairPath) is { } grid)
            {
                progress?.Report($"{e.Name}: {flair.Shape} at {Millimetres(flair)} mm onto a {grid.Working.Shape} working grid at {Millimetres(grid.Working)} mm");
                (flair, t1, mask) = (grid.ToWorking(flair, e.FlairPath), grid.ToWorking(t1, e.T1Path), grid.MaskToWorking(mask, e.MaskPath));
            }
            return (e.Split, Case: new TrainingCase(e.Name, flair, t1, mask) { Site = e.Site });
        }).ToList();
        var train = cases.Where(c => c.Split == "train").Select(c => c.Case).ToList();
        if (train.Count == 0) throw new InvalidInputException("No training case: every case is in the validation split.");
        return new TrainingData(train, cases.Where(c => c.Split == "validation").Select(c => c.Case).ToList()) { Warnings = warnings };
    }

    /// <summary>
    /// The cases of <paramref name="entries"/> on their FLAIR's grid, whatever their split (evaluation): FLAIR and
    /// T1 0 outside the brain mask, the T1 on the FLAIR's grid; the masks' value warnings into <paramref name="warnings"/>.
    /// </summary>
    public static IReadOnlyList<TrainingCase> LoadNative(IReadOnlyList<TrainingCaseEntry> entries, ICollection<string> warnings)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(warnings);
        return [.. entries.Select(e =>
        {
            var (flair, t1, mask) = ReadNative(e, warnings);
            return new TrainingCase(e.Name, flair, t1, mask) { Site = e.Site };
        })];
    }

    static (Volume<float> Flair, Volume<float> T1, Volume<byte> Mask) ReadNative(TrainingCaseEntry e, ICollection<string> warnings)
    {
        var flair = NiftiFile.ReadVolume(e.FlairPath);
        var reading = NiftiFile.ReadMaskWithWarnings(e.MaskPath);
        foreach (string w in reading.Warnings) warnings.Add(w);
        var mask = reading.Mask;
        flair.RequireSameGrid(mask, e.FlairPath, e.MaskPath);
        // The T1 may lie on another grid overlapping the FLAIR (reordered or resampled through the affines), as in segment.
        var t1 = T1OnFlairGrid.Map(flair, e.FlairPath, NiftiFile.ReadVolume(e.T1Path), e.T1Path).T1;
        if (e.BrainMaskPath is { } brainPath)
        {
            var masked = BrainMask.Apply(flair, e.FlairPath, NiftiFile.ReadVolume(brainPath), brainPath);
            (flair, t1) = (masked.Image, BrainMask.ZeroOutside(t1, masked.Mask));
        }
        return (flair, t1, mask);
    }

    static string Millimetres(Volume<float> v) => Millimetres(v.Geometry);

    static string Millimetres(Imaging.Geometry.ImageGeometry g)
    {
        var s = g.VoxelSizeMm;
        return string.Join("×", new[] { s.I, s.J, s.K }.Select(x => x.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture)));
    }

    static string NormaliseSplit(string value, string where) => value.ToLowerInvariant() switch
    {
        "train" or "training" => "train",
        "val" or "valid" or "validation" => "validation",
        _ => throw new InvalidInputException($"{where}: split must be train or validation; got \"{value}\"."),
    };
}
