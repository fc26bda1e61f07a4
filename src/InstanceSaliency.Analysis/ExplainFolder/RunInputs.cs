using InstanceSaliency.Imaging;

namespace InstanceSaliency.Analysis.ExplainFolder;

/// <summary>The inputs an explain run names in its run.json: FLAIR, T1 and (optional) ground-truth paths, and the model.</summary>
/// <param name="FlairPath">Absolute path of the FLAIR image.</param>
/// <param name="T1Path">Absolute path of the T1 image.</param>
/// <param name="TruthPath">Absolute path of the ground truth, when the run had one.</param>
/// <param name="ModelPath">The model file or name the run used.</param>
public sealed record RunInputs(string FlairPath, string T1Path, string? TruthPath, string ModelPath)
{
    /// <summary>The FLAIR's SHA-256 as run.json records it (lower-case hex); null in a record without it.</summary>
    public string? FlairSha256 { get; init; }

    /// <summary>The T1's SHA-256 as run.json records it; null in a record without it.</summary>
    public string? T1Sha256 { get; init; }

    /// <summary>
    /// The model's validation figures as its package states them (run.json <c>model.description.validation</c>,
    /// written by <c>ies train postprocess</c>); null when the model carries none.
    /// </summary>
    public RecordedModelValidation? ModelValidation { get; init; }

    /// <summary>
    /// Refuses inputs that are no longer the files the run read: a FLAIR or T1 whose SHA-256 differs from run.json's
    /// (the path now names another scan, or the file was changed). A reader that shows the run on these images would
    /// otherwise draw one scan's maps over another.
    /// </summary>
    /// <exception cref="InvalidInputException">An input's SHA-256 differs from the one recorded.</exception>
    public void RequireUnchanged()
    {
        foreach (var (path, recorded, what) in new[] { (FlairPath, FlairSha256, "FLAIR"), (T1Path, T1Sha256, "T1") })
        {
            if (recorded is null || !File.Exists(path)) continue; // a missing file is refused where it is read
            string now = FileHash.Sha256(path);
            if (!string.Equals(now, recorded, StringComparison.OrdinalIgnoreCase))
                throw new InvalidInputException(
                    $"{path}: the {what} named in run.json changed since the run (SHA-256 {now[..12]}…, " +
                    $"run.json {recorded[..Math.Min(12, recorded.Length)]}…); restore the file the run read, or " +
                        $"run `ies explain` again.");
        }
    }

    /// <summary>Reads the "inputs" and "model" objects of <paramref name="runJsonPath"/>.</summary>
    public static RunInputs Read(string runJsonPath)
    {
        var record = RunRecordFile.Read(runJsonPath);
        return new RunInputs(
            record.Inputs?.Flair?.Path ?? throw new InvalidInputException($"{runJsonPath}: inputs.flair.path is missing."),
            record.Inputs?.T1?.Path ?? throw new InvalidInputException($"{runJsonPath}: inputs.t1.path is missing."),
            record.Inputs.Truth?.Path, record.Model?.Path ?? "")
        {
            FlairSha256 = record.Inputs.Flair.Sha256,
            T1Sha256 = record.Inputs.T1.Sha256,
            ModelValidation = RecordedModelValidation.From(record.Model?.Description),
        };
    }

    /// <summary>True when the FLAIR is the vendored sample scan (its folder is named after it): the report must cite it.</summary>
    public bool IsSampleScan =>
        string.Equals(Path.GetFileName(Path.GetDirectoryName(FlairPath)), "lesjak2017-patient26", StringComparison.Ordinal);
}

/// <summary>A model's validation figures read back from run.json: per site (mean F1, nDSC and the baseline's) and the scan names.</summary>
public sealed record RecordedModelValidation(string Source, IReadOnlyList<(string Site, int Scans, double F1, double Ndsc, double BaselineF1, double BaselineNdsc)> Sites,
    IReadOnlyList<(string Scan, string Site)> Scans)
{
    /// <summary>The figures in a model description's <c>validation</c> object, or null when absent or malformed.</summary>
    public static RecordedModelValidation? From(System.Text.Json.JsonElement? description)
    {
        if (description is not { ValueKind: System.Text.Json.JsonValueKind.Object } d || !d.TryGetProperty("validation", out var v) || v.ValueKind != System.Text.Json.JsonValueKind.Object)
            return null;
        try
        {
            var sites = v.GetProperty("sites").EnumerateArray().Select(x => (x.GetProperty("site").GetString() ?? "", x.GetProperty("scans").GetInt32(),
                x.GetProperty("f1").GetDouble(), x.GetProperty("ndsc").GetDouble(), x.GetProperty("baseline_f1").GetDouble(), x.GetProperty("baseline_ndsc").GetDouble())).ToList();
            var scans = v.GetProperty("scans").EnumerateArray().Select(x => (x.GetProperty("scan").GetString() ?? "", x.GetProperty("site").GetString() ?? "")).ToList();
            return new RecordedModelValidation(v.TryGetProperty("source", out var s) ? s.GetString() ?? "" : "", sites, scans);
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }
}
