using InstanceSaliency.Analysis.Statistics;

namespace InstanceSaliency.Analysis.Tests.Statistics;

public class AucBootstrapTests
{
    static readonly double[] Positive = [2.1, 3.4, 0.7, 5.5, 4.2, 3.3, 2.9, 6.1, 1.8, 4.4];
    static readonly double[] Negative = [1.1, 0.4, 2.2, 3.0, 0.9, 1.7, 2.6, 0.2];

    [Fact]
    public void The_same_seed_gives_the_same_interval_and_another_seed_another()
    {
        var a = AucBootstrap.Interval(Positive, Negative, new BootstrapOptions { Seed = 7 });
        var b = AucBootstrap.Interval(Positive, Negative, new BootstrapOptions { Seed = 7 });
        var c = AucBootstrap.Interval(Positive, Negative, new BootstrapOptions { Seed = 8 });
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void The_interval_contains_the_point_estimate_and_lies_in_0_1()
    {
        double auc = RocAuc.Compute(Positive, Negative);
        var ci = AucBootstrap.Interval(Positive, Negative, new BootstrapOptions { Seed = 3 });
        Assert.InRange(auc, ci.Lower, ci.Upper);
        Assert.True(ci.Lower >= 0 && ci.Upper <= 1 && ci.Lower < ci.Upper);
        Assert.Equal(0.95, ci.Level);
    }

    [Fact]
    public void Zero_resamples_give_no_interval()
    {
        var ci = AucBootstrap.Interval(Positive, Negative, new BootstrapOptions { Resamples = 0 });
        Assert.True(double.IsNaN(ci.Lower) && double.IsNaN(ci.Upper));
    }

    [Fact]
    public void Quantiles_interpolate_like_numpy()
    {
        double[] sorted = [1, 2, 3, 4];
        Assert.Equal(1.075, AucBootstrap.Quantile(sorted, 0.025), 12); // numpy.quantile([1,2,3,4], 0.025)
        Assert.Equal(3.925, AucBootstrap.Quantile(sorted, 0.975), 12);
    }
}
