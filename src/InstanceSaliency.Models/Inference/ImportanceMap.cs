using TorchSharp;
using static TorchSharp.torch;

namespace InstanceSaliency.Models.Inference;

/// <summary>
/// MONAI's Gaussian importance map (<c>compute_importance_map(mode="gaussian")</c>) in float32:
/// w[a, b, c] = g(a) · g(b) · g(c), g(x) = exp(−x² / (2σ²)) at x = −(r−1)/2 … (r−1)/2, σ = sigma_scale · r
/// voxels; then clamped below at max(min w, 1e-3), as MONAI does for non-positive and tiny weights.
/// </summary>
public static class ImportanceMap
{
    /// <summary>The [r, r, r] weight of a cubic window of edge <paramref name="roi"/> voxels.</summary>
    public static Tensor Gaussian(int roi, double sigmaScale, Device device)
    {
        using var scope = NewDisposeScope();
        double sigma = roi * sigmaScale;
        var x = arange(-(roi - 1) / 2.0, (roi - 1) / 2.0 + 1, 1.0, dtype: ScalarType.Float32, device: device);
        var g = exp(x.pow(2).div(-2 * sigma * sigma));
        var map = g.unsqueeze(-1).mul(g.unsqueeze(0)).unsqueeze(-1).mul(g.unsqueeze(0).unsqueeze(0));
        double floor = Math.Max(map.min().item<float>(), 1e-3);
        return map.clamp_min(floor).MoveToOuterDisposeScope();
    }
}
