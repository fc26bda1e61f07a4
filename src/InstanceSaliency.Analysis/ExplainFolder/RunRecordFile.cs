using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using InstanceSaliency.Imaging;

namespace InstanceSaliency.Analysis.ExplainFolder;

/// <summary>run.json, the one writer and the one reader of <see cref="RunRecord"/>: snake_case keys, indented, NaN allowed.</summary>
public static class RunRecordFile
{
    static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>The tool's version (informational version of the assemblies, without the commit).</summary>
    public static string ToolVersion =>
        typeof(RunRecordFile).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "unknown";

    /// <summary>Writes <paramref name="record"/> atomically.</summary>
    public static void Write(string path, RunRecord record) =>
        AtomicFile.WriteText(path, JsonSerializer.Serialize(record, Json) + "\n");

    /// <summary>Reads <paramref name="path"/>; a file that is not a run.json object is an <see cref="InvalidInputException"/> naming it.</summary>
    public static RunRecord Read(string path)
    {
        if (!File.Exists(path)) throw new InvalidInputException($"{path}: missing; the run is incomplete (explain writes run.json last).");
        try
        {
            return JsonSerializer.Deserialize<RunRecord>(File.ReadAllText(path), Json)
                ?? throw new InvalidInputException($"{path}: expected a JSON object (the run.json of an explain run).");
        }
        catch (JsonException e)
        {
            throw new InvalidInputException($"{path}: not the run.json of an explain run ({e.Message}).", e);
        }
    }

    /// <summary>The value of one option as JSON text (compact), or null when the record does not hold it.</summary>
    public static IReadOnlyDictionary<string, string> OptionTexts(RunRecord record)
    {
        var texts = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (record.Options is null) return texts;
        var element = JsonSerializer.SerializeToElement(record.Options, Json);
        foreach (var p in element.EnumerateObject().Where(p => p.Value.ValueKind != JsonValueKind.Null))
            texts[p.Name] = p.Value.GetRawText();
        return texts;
    }
}
