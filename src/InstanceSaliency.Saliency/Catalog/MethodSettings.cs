using InstanceSaliency.Saliency.Methods;

namespace InstanceSaliency.Saliency.Catalog;

/// <summary>
/// Everything a catalog method is made from (method.md §5–6): the SmoothGrad settings of the average aggregation,
/// the sample count of the max aggregation, and the Grad-CAM++ weighting and layer.
/// </summary>
/// <param name="SmoothGrad">N, f and the seed of SmoothGrad (average aggregation).</param>
/// <param name="MaxAggregationSamples">N of the max aggregation (`--samples-max`).</param>
/// <param name="CamWeighting">Grad-CAM++ weights (method.md §6).</param>
/// <param name="CamLayer">The layer Grad-CAM++ captures (the model's <c>cam_layer</c> unless overridden).</param>
public sealed record MethodSettings(SmoothGradOptions SmoothGrad, int MaxAggregationSamples, CamWeighting CamWeighting, string CamLayer);
