using System.Text.Json;

namespace InstanceSaliency.Analysis.Cohort;

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
        JsonElement root;
        try { root = JsonDocument.Parse(File.ReadAllText(path)).RootElement; }
        catch (JsonException e) { throw new Imaging.InvalidInputException($"{path}: not valid JSON ({e.Message}).", e); }
        if (root.ValueKind != JsonValueKind.Object) throw new Imaging.InvalidInputException($"{path}: expected a JSON object.");
        var settings = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (root.TryGetProperty("options", out var options) && options.ValueKind == JsonValueKind.Object)
            foreach (var p in options.EnumerateObject().Where(p => !IgnoredOptions.Contains(p.Name)))
                settings[$"options.{p.Name}"] = p.Value.GetRawText();
        settings["model.sha256"] = Text(root, "model", "sha256") ?? Text(root, "model", "path") ?? "";
        return new RunIdentity(settings, Text(root, "inputs", "flair", "path"), Text(root, "inputs", "flair", "sha256"));
    }

    static string? Text(JsonElement e, params string[] keys)
    {
        foreach (string key in keys)
            if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty(key, out e)) return null;
        return e.ValueKind == JsonValueKind.String ? e.GetString() : null;
    }
}
