using System.Text.Json;
using InstanceSaliency.TestSupport;

namespace InstanceSaliency.Analysis.Tests.Statistics;

/// <summary>tests/fixtures/statistics/statistics.json, written by tools/reference/statistics_reference.py (scipy 1.10).</summary>
static class StatisticsFixture
{
    static readonly Lazy<JsonElement> Root = new(() =>
    {
        using var stream = File.OpenRead(Path.Combine(RepositoryPaths.Fixtures, "statistics", "statistics.json"));
        return JsonDocument.Parse(stream).RootElement.Clone();
    });

    public static IEnumerable<JsonElement> Cases(string section) => Root.Value.GetProperty(section).EnumerateArray();

    public static TheoryData<string> Names(string section)
    {
        var data = new TheoryData<string>();
        foreach (var c in Cases(section)) data.Add(c.GetProperty("name").GetString()!);
        return data;
    }

    public static JsonElement Case(string section, string name) => Cases(section).Single(c => c.GetProperty("name").GetString() == name);

    public static double[] Doubles(JsonElement e) => e.EnumerateArray().Select(v => v.GetDouble()).ToArray();

    public static double Number(JsonElement e) => e.ValueKind == JsonValueKind.Null ? double.NaN : e.GetDouble();

    /// <summary>Asserts |actual − expected| ≤ max(absolute, relative·|expected|); NaN equals NaN.</summary>
    public static void Close(double expected, double actual, double absolute, double relative = 0, string what = "")
    {
        if (double.IsNaN(expected)) { Assert.True(double.IsNaN(actual), $"{what}: expected NaN, got {actual:R}"); return; }
        double tolerance = Math.Max(absolute, relative * Math.Abs(expected));
        Assert.True(Math.Abs(actual - expected) <= tolerance, $"{what}: expected {expected:R}, got {actual:R} (|Δ| = {Math.Abs(actual - expected):R} > {tolerance:R})");
    }
}
