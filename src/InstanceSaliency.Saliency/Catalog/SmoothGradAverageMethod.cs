using InstanceSaliency.Saliency.Inputs;
using InstanceSaliency.Saliency.Methods;

namespace InstanceSaliency.Saliency.Catalog;

/// <summary>"smoothgrad": SmoothGrad with average aggregation (method.md §5, paper eq. 2), N = `--samples`.</summary>
public sealed class SmoothGradAverageMethod : SaliencyMethod
{
    public override string Name => "smoothgrad";

    public override IAttributionMethod Create(MethodSettings settings, NetworkInput input) =>
        SmoothGrad.Of(Aggregation.Average, settings.SmoothGrad, input);

    /// <summary>N forward+backward passes; one without noise (every sample is the same input).</summary>
    public override double CostInPasses(MethodSettings settings, int lesionVoxels) =>
        settings.SmoothGrad.NoiseFractionOfFlairRange == 0 ? 1 : settings.SmoothGrad.Samples;
}
