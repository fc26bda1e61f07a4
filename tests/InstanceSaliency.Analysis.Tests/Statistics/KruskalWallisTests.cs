using InstanceSaliency.Analysis.Statistics;
using static InstanceSaliency.Analysis.Tests.Statistics.StatisticsFixture;

namespace InstanceSaliency.Analysis.Tests.Statistics;

public class KruskalWallisTests
{
    public static TheoryData<string> Cases => Names("kruskal");

    [Theory]
    [MemberData(nameof(Cases))]
    public void H_and_p_equal_scipy_kruskal(string name)
    {
        var c = Case("kruskal", name);
        var groups = c.GetProperty("groups").EnumerateArray().Select(g => (IReadOnlyList<double>)Doubles(g)).ToArray();
        var result = KruskalWallis.Test(groups);
        Close(Number(c.GetProperty("h")), result.H, 1e-9, 0, $"{name} H");
        Close(Number(c.GetProperty("p")), result.PValue, 0, 1e-6, $"{name} p");
        Assert.Equal(2, result.DegreesOfFreedom);
    }

    [Fact]
    public void All_equal_values_give_NaN_not_an_exception()
    {
        var result = KruskalWallis.Test([[1.0, 1.0], [1.0]]);
        Assert.True(double.IsNaN(result.H) && double.IsNaN(result.PValue));
    }

    [Fact]
    public void Empty_group_is_rejected_with_a_message()
    {
        var e = Assert.Throws<ArgumentException>(() => KruskalWallis.Test([[1.0, 2.0], []]));
        Assert.Contains("non-empty", e.Message);
    }
}
