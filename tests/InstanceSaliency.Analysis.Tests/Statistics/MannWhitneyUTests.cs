using InstanceSaliency.Analysis.Statistics;
using static InstanceSaliency.Analysis.Tests.Statistics.StatisticsFixture;

namespace InstanceSaliency.Analysis.Tests.Statistics;

public class MannWhitneyUTests
{
    public static TheoryData<string> Cases => Names("mannwhitneyu");

    [Theory]
    [MemberData(nameof(Cases))]
    public void U_p_and_method_equal_scipy_mannwhitneyu_auto(string name)
    {
        var c = Case("mannwhitneyu", name);
        var result = MannWhitneyU.Test(Doubles(c.GetProperty("x")), Doubles(c.GetProperty("y")));
        Close(c.GetProperty("u").GetDouble(), result.U, 1e-9, 0, $"{name} U");
        Close(c.GetProperty("p").GetDouble(), result.PValue, 0, 1e-6, $"{name} p");
        Assert.Equal(c.GetProperty("method").GetString(), result.Method.ToString().ToLowerInvariant());
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Cliffs_delta_and_auc_equal_brute_force_over_pairs(string name)
    {
        var c = Case("mannwhitneyu", name);
        double[] x = Doubles(c.GetProperty("x")), y = Doubles(c.GetProperty("y"));
        Close(c.GetProperty("cliffs_delta").GetDouble(), CliffsDelta.Compute(x, y), 1e-9, 0, $"{name} delta");
        Close(c.GetProperty("auc").GetDouble(), RocAuc.Compute(x, y), 1e-9, 0, $"{name} AUC");
    }

    [Fact]
    public void Exact_and_asymptotic_agree_roughly_on_moderate_samples()
    {
        double[] x = [0.1, 0.5, 0.9, 1.3, 1.7, 2.2, 2.8, 3.1], y = [1.0, 1.9, 2.5, 3.3, 3.7, 4.4, 4.9, 5.5];
        double exact = MannWhitneyU.Test(x, y, MannWhitneyMethod.Exact).PValue;
        double normal = MannWhitneyU.Test(x, y, MannWhitneyMethod.Asymptotic).PValue;
        Assert.InRange(normal / exact, 0.8, 1.25);
    }
}
