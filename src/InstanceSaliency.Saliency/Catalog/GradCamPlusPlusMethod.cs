using InstanceSaliency.Saliency.Inputs;
using InstanceSaliency.Saliency.Methods;

namespace InstanceSaliency.Saliency.Catalog;

/// <summary>
/// "gradcampp": instance-level Grad-CAM++ (method.md §6) on the captured layer, with `cam-normalised`, the map
/// divided by its maximum, derived beside the raw `cam`.
/// </summary>
public sealed class GradCamPlusPlusMethod : SaliencyMethod
{
    public override string Name => "gradcampp";

    public override IAttributionMethod Create(MethodSettings settings, NetworkInput input) =>
        new GradCamPlusPlus(settings.CamLayer, settings.CamWeighting);

    public override double CostInPasses(MethodSettings settings, int lesionVoxels) => 1;

    public override IReadOnlyList<DerivedMap> Derived { get; } = [new("cam", "cam-normalised", CamNormalisation.DividedByMaximum)];
}
