namespace InstanceSaliency.Lesions.Tests;

public class SegmentationMetricsTests
{
    static readonly VoxelOverlap Some = new(3, 2, 1, 10);

    [Fact]
    public void Lesion_wise_rates_follow_method_section_3()
    {
        var m = SegmentationMetrics.From(Some, tp: 6, fp: 2, fn: 3);
        Assert.Equal(6 / 9.0, m.Tpr!.Value, 1e-15);
        Assert.Equal(6 / 8.0, m.Ppv!.Value, 1e-15);
        Assert.Equal(2 / 8.0, m.Fdr!.Value, 1e-15);
        Assert.Equal(12 / 17.0, m.F1!.Value, 1e-15);
        Assert.Equal(1 - m.Ppv.Value, m.Fdr.Value, 1e-15);
        Assert.Equal((6, 2, 3), (m.Tp, m.Fp, m.Fn));
        Assert.Equal(Some.Dice, m.Dice);
        Assert.Equal(Some.NormalisedDice(), m.Ndsc);
    }

    [Fact]
    public void Empty_prediction_has_zero_tpr_and_undefined_precision()
    {
        var m = SegmentationMetrics.From(Some, tp: 0, fp: 0, fn: 4);
        Assert.Equal(0.0, m.Tpr);
        Assert.Null(m.Ppv);
        Assert.Null(m.Fdr);
        Assert.Equal(0.0, m.F1);
    }

    [Fact]
    public void Empty_truth_has_undefined_tpr_and_zero_precision()
    {
        var m = SegmentationMetrics.From(Some, tp: 0, fp: 3, fn: 0);
        Assert.Null(m.Tpr);
        Assert.Equal(0.0, m.Ppv);
        Assert.Equal(1.0, m.Fdr);
        Assert.Equal(0.0, m.F1);
    }

    [Fact]
    public void Both_empty_leave_every_lesion_wise_rate_undefined()
    {
        var m = SegmentationMetrics.From(new VoxelOverlap(0, 0, 0, 10), tp: 0, fp: 0, fn: 0);
        Assert.Null(m.Tpr);
        Assert.Null(m.Ppv);
        Assert.Null(m.Fdr);
        Assert.Null(m.F1);
        Assert.Equal(1.0, m.Dice);
        Assert.Equal(1.0, m.Ndsc);
    }

    [Fact]
    public void Negative_counts_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SegmentationMetrics.From(Some, -1, 0, 0));
    }
}
