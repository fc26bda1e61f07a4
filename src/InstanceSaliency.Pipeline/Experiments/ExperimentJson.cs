using System.Text.Json;
using System.Text.Json.Nodes;
using InstanceSaliency.Imaging;

namespace InstanceSaliency.Pipeline.Experiments;

/// <summary>summary.json helpers shared by the experiments: undefined numbers as null, indented, written atomically.</summary>
static class ExperimentJson
{
    public static JsonNode? Number(double value) => double.IsFinite(value) ? JsonValue.Create(value) : null;

    public static JsonArray Numbers(IEnumerable<double> values) => new([.. values.Select(Number)]);

    /// <summary>Median and quartiles of the finite values, with how many were undefined; nulls when none is finite.</summary>
    public static JsonObject Distribution(IEnumerable<double> values)
    {
        var all = values.ToArray();
        var v = all.Where(double.IsFinite).Order().ToArray();
        return new JsonObject
        {
            ["n"] = all.Length,
            ["undefined"] = all.Length - v.Length,
            ["q1"] = v.Length == 0 ? null : Number(Analysis.Statistics.AucBootstrap.Quantile(v, 0.25)),
            ["median"] = v.Length == 0 ? null : Number(Analysis.Statistics.AucBootstrap.Quantile(v, 0.5)),
            ["q3"] = v.Length == 0 ? null : Number(Analysis.Statistics.AucBootstrap.Quantile(v, 0.75)),
        };
    }

    public static void Write(string path, JsonObject root) =>
        AtomicFile.WriteText(path, root.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n");
}
