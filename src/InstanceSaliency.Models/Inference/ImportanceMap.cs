using TorchSharp;
using static TorchSharp.torch;

namespace InstanceSaliency.Models.Inference;

/// <summary>
/// MONAI's Gaussian importance map (<c>compute_importance_map(mode="gaussian")</c>) in float32:
/// w[a, b, c] = g(a) · g(b) · g(c), g(x) = exp(−x² / (2σ²)) at x = −(r−1)/2 … (r−1)/2, σ = sigma_scale · r
/// voxels; then clamped below at max(min w, 1e-3), as MONAI does for non-positive and tiny weights.
/// </summary>
/// <remarks>
/// This is the map of MONAI ≥ 1.0.1, chosen because it is what current MONAI (and so a model trained and validated
/// with it) computes. The paper ran MONAI 0.9.0, whose map differs slightly: a unit impulse at voxel r/2 (half a
/// voxel off the window centre for even r) blurred by MONAI's <c>GaussianFilter</c> (erf-sampled kernel truncated
/// at 4σ), divided by its maximum and clamped below at its smallest non-zero weight. Only the blending of
/// overlapping windows changes, so probabilities differ slightly where windows overlap and not at all elsewhere;
/// the difference has not been measured here (README, Models).
/// </remarks>
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
