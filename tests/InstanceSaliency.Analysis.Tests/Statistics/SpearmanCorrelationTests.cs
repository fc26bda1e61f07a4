using System.Text.Json;
using InstanceSaliency.Analysis.Statistics;
using InstanceSaliency.TestSupport;

namespace InstanceSaliency.Analysis.Tests.Statistics;

/// <summary>ρ against scipy.stats.spearmanr (tests/fixtures/experiments/spearman.json, tools/reference/experiments_reference.py).</summary>
public class SpearmanCorrelationTests
{
    static readonly JsonElement[] Cases = LoadCases();

    static JsonElement[] LoadCases()
    {
        using var stream = File.OpenRead(Path.Combine(RepositoryPaths.Fixtures, "experiments", "spearman.json"));
        return JsonDocument.Parse(stream).RootElement.GetProperty("scipy_spearmanr").EnumerateArray().Select(c => c.Clone()).ToArray();
    }

    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var c in Cases) data.Add(c.GetProperty("name").GetString()!);
        return data;
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Equals_scipy(string name)
    {
        var c = Cases.Single(x => x.GetProperty("name").GetString() == name);
        var x = c.GetProperty("x").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        var y = c.GetProperty("y").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        double actual = SpearmanCorrelation.Compute(x, y);
        var expected = c.GetProperty("rho");
        if (expected.ValueKind == JsonValueKind.Null) Assert.True(double.IsNaN(actual), $"{name}: expected NaN, got {actual}");
        else Assert.Equal(expected.GetDouble(), actual, 1e-12);
    }

    [Fact]
    public void Fewer_than_two_pairs_is_undefined_and_unpaired_samples_are_refused()
    {
        Assert.True(double.IsNaN(SpearmanCorrelation.Compute([1.0], [2.0])));
        Assert.Throws<ArgumentException>(() => SpearmanCorrelation.Compute([1.0, 2.0], [1.0]));
    }
}
