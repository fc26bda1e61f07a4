using System.Text.Json;
using InstanceSaliency.Imaging;

namespace InstanceSaliency.Reporting.Runs;

/// <summary>The inputs an explain run names in its run.json: FLAIR, T1 and (optional) ground-truth paths, and the model.</summary>
/// <param name="FlairPath">Absolute path of the FLAIR image.</param>
/// <param name="T1Path">Absolute path of the T1 image.</param>
/// <param name="TruthPath">Absolute path of the ground truth, when the run had one.</param>
/// <param name="ModelPath">The model file or name the run used.</param>
public sealed record RunInputs(string FlairPath, string T1Path, string? TruthPath, string ModelPath)
{
    /// <summary>Reads the "inputs" and "model" objects of <paramref name="runJsonPath"/>.</summary>
    public static RunInputs Read(string runJsonPath)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(runJsonPath));
            var root = document.RootElement;
            var inputs = root.GetProperty("inputs");
            string? PathOf(string name) =>
                inputs.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Object ? v.GetProperty("path").GetString() : null;
            string model = root.TryGetProperty("model", out var m) && m.TryGetProperty("path", out var p) ? p.GetString() ?? "" : "";
            return new RunInputs(
                PathOf("flair") ?? throw new InvalidInputException($"{runJsonPath}: inputs.flair.path is missing."),
                PathOf("t1") ?? throw new InvalidInputException($"{runJsonPath}: inputs.t1.path is missing."),
                PathOf("truth"), model);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new InvalidInputException($"{runJsonPath}: not the run.json of an explain run ({e.Message}).", e);
        }
    }

    /// <summary>True when the FLAIR is the vendored sample scan (its folder is named after it): the report must cite it.</summary>
    public bool IsSampleScan =>
        string.Equals(Path.GetFileName(Path.GetDirectoryName(FlairPath)), "lesjak2017-patient26", StringComparison.Ordinal);
}
