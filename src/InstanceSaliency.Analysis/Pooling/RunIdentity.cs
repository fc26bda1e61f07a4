using InstanceSaliency.Imaging;
using InstanceSaliency.Analysis.ExplainFolder;

namespace InstanceSaliency.Analysis.Pooling;

/// <summary>
/// What run.json says about how a run was made: the options that change the features (methods, samples, noise,
/// CAM settings, strategy, threshold, min-size; not the device or the seed) and the model's hash, plus the FLAIR
/// input's path and hash (the scan's identity).
/// </summary>
public sealed record RunIdentity(IReadOnlyDictionary<string, string> Settings, string? FlairPath, string? FlairSha256)
{
    /// <summary>run.json option keys that do not change what the features mean.</summary>
    public static readonly string[] IgnoredOptions = ["device", "seed", "lesions"];

    /// <summary>Reads <paramref name="path"/> (a run.json written by `ies explain`).</summary>
    public static RunIdentity Read(string path)
    {
        var record = RunRecordFile.Read(path);
        var settings = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, text) in RunRecordFile.OptionTexts(record).Where(o => !IgnoredOptions.Contains(o.Key)))
            settings[$"options.{name}"] = text;
        settings["model.sha256"] = record.Model?.Sha256 ?? record.Model?.Path ?? "";
        return new RunIdentity(settings, record.Inputs?.Flair?.Path, record.Inputs?.Flair?.Sha256);
    }
}
