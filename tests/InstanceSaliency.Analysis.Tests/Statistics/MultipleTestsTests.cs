using System.Text.Json;
using InstanceSaliency.Analysis.Statistics;
using InstanceSaliency.TestSupport;
using static InstanceSaliency.Analysis.Tests.Statistics.StatisticsFixture;

namespace InstanceSaliency.Analysis.Tests.Statistics;

/// <summary>
/// Holm and Benjamini–Hochberg against Debian's python3-statsmodels multipletests (methods "holm" and "fdr_bh"):
/// tests/fixtures/statistics/multipletests.json, written by tools/reference/multipletests_reference.py. NaN entries
/// are skipped tests, outside the family (the script runs statsmodels on the other entries).
/// </summary>
public class MultipleTestsTests
{
    static readonly Lazy<JsonElement[]> Fixture = new(() =>
    {
        using var stream = File.OpenRead(Path.Combine(RepositoryPaths.Fixtures, "statistics", "multipletests.json"));
        return JsonDocument.Parse(stream).RootElement.Clone().GetProperty("cases").EnumerateArray().ToArray();
    });

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var c in Fixture.Value) data.Add(c.GetProperty("name").GetString()!);
        return data;
    }

    static (double[] P, double[] Expected) Case(string name, string method)
    {
        var c = Fixture.Value.Single(e => e.GetProperty("name").GetString() == name);
        double[] Read(string key) => c.GetProperty(key).EnumerateArray().Select(Number).ToArray();
        return (Read("p"), Read(method));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Holm_equals_statsmodels_holm_to_1e_12(string name)
    {
        var (p, expected) = Case(name, "holm");
        var actual = HolmCorrection.Adjust(p);
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++) Close(expected[i], actual[i], 0, 1e-12, $"{name}[{i}]");
        Assert.All(actual.Where(v => !double.IsNaN(v)), v => Assert.InRange(v, 0.0, 1.0)); // capped exactly, also a p one ulp above 1
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Benjamini_Hochberg_equals_statsmodels_fdr_bh_to_1e_12(string name)
    {
        var (p, expected) = Case(name, "fdr_bh");
        var actual = BenjaminiHochberg.Adjust(p);
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++) Close(expected[i], actual[i], 0, 1e-12, $"{name}[{i}]");
        Assert.All(actual.Where(v => !double.IsNaN(v)), v => Assert.InRange(v, 0.0, 1.0)); // capped exactly, also a p one ulp above 1
    }

    [Fact]
    public void Benjamini_Hochberg_is_monotone_in_p_and_never_above_Holm()
    {
        var (p, _) = Case("family_520", "fdr_bh");
        var q = BenjaminiHochberg.Adjust(p);
        var holm = HolmCorrection.Adjust(p);
        var order = Enumerable.Range(0, p.Length).OrderBy(i => p[i]).ToArray();
        for (int r = 1; r < order.Length; r++) Assert.True(q[order[r]] >= q[order[r - 1]], $"q not monotone at rank {r}");
        for (int i = 0; i < p.Length; i++)
        {
            Assert.InRange(q[i], p[i], 1.0);
            Assert.True(q[i] <= holm[i], $"q {q[i]:R} above Holm {holm[i]:R} at {i}");
        }
    }
}
