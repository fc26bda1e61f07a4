using InstanceSaliency.Saliency.Inputs;
using InstanceSaliency.Saliency.Methods;

namespace InstanceSaliency.Saliency.Catalog;

/// <summary>"smoothgrad-max": SmoothGrad with max aggregation (method.md §5, paper eq. 3), N = `--samples-max`.</summary>
public sealed class SmoothGradMaxMethod : SaliencyMethod
{
    public override string Name => "smoothgrad-max";

    public override IAttributionMethod Create(MethodSettings settings, NetworkInput input) =>
        SmoothGrad.Of(Aggregation.Max, settings.SmoothGrad with { Samples = Samples(settings) }, input);

    /// <summary>Per sample one forward pass and one backward pass per lesion voxel (each about a third of a forward+backward).</summary>
    public override double CostInPasses(MethodSettings settings, int lesionVoxels) => Samples(settings) * (1 + 0.35 * lesionVoxels);

    /// <summary>Noise samples it runs: `--samples-max`, or 1 without noise (every sample would be the same input).</summary>
    public static int Samples(MethodSettings settings) => settings.SmoothGrad.NoiseFractionOfFlairRange == 0 ? 1 : settings.MaxAggregationSamples;
}
