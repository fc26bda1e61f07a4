using InstanceSaliency.Analysis.Statistics;
using static InstanceSaliency.Analysis.Tests.Statistics.StatisticsFixture;

namespace InstanceSaliency.Analysis.Tests.Statistics;

public class HolmCorrectionTests
{
    public static TheoryData<string> Cases => Names("holm");

    [Theory]
    [MemberData(nameof(Cases))]
    public void Adjusted_p_values_equal_statsmodels_holm(string name)
    {
        var c = Case("holm", name);
        var expected = Doubles(c.GetProperty("adjusted"));
        var actual = HolmCorrection.Adjust(Doubles(c.GetProperty("p")));
        for (int i = 0; i < expected.Length; i++) Close(expected[i], actual[i], 1e-12, 0, $"{name}[{i}]");
    }

    [Fact]
    public void NaN_entries_are_outside_the_family_and_stay_NaN()
    {
        var adjusted = HolmCorrection.Adjust([0.01, double.NaN, 0.04]);
        Assert.Equal(0.02, adjusted[0], 12);
        Assert.True(double.IsNaN(adjusted[1]));
        Assert.Equal(0.04, adjusted[2], 12);
    }
}
