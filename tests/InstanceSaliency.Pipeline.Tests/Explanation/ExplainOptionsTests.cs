using InstanceSaliency.Pipeline.Explanation;
using InstanceSaliency.Saliency;

namespace InstanceSaliency.Pipeline.Tests.Explanation;

/// <summary>The sample counts of the two aggregations (method.md §5, cli-contract.md: `--samples-max` defaults to N).</summary>
public sealed class ExplainOptionsTests
{
    [Fact]
    public void The_max_aggregation_takes_N_samples_by_default()
    {
        Assert.Equal(50, new ExplainOptions().MaxSamples);
        Assert.Equal(50, new ExplainOptions().MethodSettings("layer").MaxAggregationSamples);
        Assert.Equal(20, new ExplainOptions { SmoothGrad = new SmoothGradOptions { Samples = 20 } }.MaxSamples);
    }

    [Fact]
    public void A_lower_samples_max_is_used_and_no_noise_means_one_pass()
    {
        Assert.Equal(5, new ExplainOptions { MaxAggregationSamples = 5 }.MaxSamples);
        Assert.Equal(1, new ExplainOptions { SmoothGrad = new SmoothGradOptions { NoiseFractionOfFlairRange = 0 } }.MaxSamples);
    }
}
