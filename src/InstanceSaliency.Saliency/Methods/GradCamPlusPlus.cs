using InstanceSaliency.Models.Runtime;
using InstanceSaliency.Saliency.Targets;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace InstanceSaliency.Saliency.Methods;

/// <summary>
/// Instance Grad-CAM++ (method.md §6). With A the output of layer <see cref="LayerName"/> (K channels on a grid U)
/// and g = ∂s_Ω/∂A: α_k[u] = g_k[u]² / (2·g_k[u]² + Σ_{u'} A_k[u']·g_k[u']³) (α = 0 where the denominator is 0);
/// weights per <see cref="Weighting"/>; L[u] = ReLU(Σ_k w_k·A_k[u]); L upsampled trilinearly
/// (align_corners = false) to the input region. The positive factor exp(s_Ω) of the derivation is omitted (it
/// overflows float32 for large lesions). Returns the raw map, one channel "cam"; normalising is for reports. A network
/// that is not local is explained through the sliding window that made the prediction (GradCamPlusPlus.Windows.cs).
/// </summary>
public sealed partial class GradCamPlusPlus(string layerName, CamWeighting weighting = CamWeighting.Local) : IAttributionMethod
{
    /// <summary>The default layer for the U-Net: the decoder transposed convolution before its BatchNorm, half resolution.</summary>
    public const string DefaultLayer = "model.1.submodule.2.conv";

    public string LayerName { get; } = layerName;

    public CamWeighting Weighting { get; } = weighting;

    public IReadOnlyList<string> MapChannels(IReadOnlyList<string> inputChannels) => ["cam"];

    /// <summary>Local weights vanish where g does, so L is zero away from Ω; global weights spread over the whole volume.</summary>
    public bool IsLocal => Weighting == CamWeighting.Local;

    /// <summary>The layer is captured from a whole-network pass.</summary>
    public bool ReadsInstanceLogitsOnly => false;

    public Tensor Attribute(AttributionModel model, Tensor input, VoxelBox region, InstanceTarget target)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (model.ReceptiveFieldRadius is null) return AttributeThroughWindows(model, input, region, target);
        // The captured activation is the only tensor that requires grad: autograd records the network after it only.
        using var capture = new ActivationCapture(model.Layer(LayerName), asGradientSource: true);
        var score = target.Score(model.Network.call(input.detach()), region);
        var activation = capture.Activation
            ?? throw new Imaging.InvalidInputException(
                $"{model.Model.Source}: layer {LayerName} did not run in the forward pass; choose a layer the network calls (--cam-layer).");
        var g = autograd.grad([score], [activation])[0];
        var a = activation.detach();
        var map = Map(a, g);
        return functional.interpolate(map.unsqueeze(1), size: [region.SizeI, region.SizeJ, region.SizeK],
            mode: InterpolationMode.Trilinear, align_corners: false)[0].detach();
    }

    /// <summary>
    /// L on the layer grid, [n, U…] from A and g [n, K, U…]. The n grids (one, or one per sliding window) are one layer
    /// output: the sums over u' in α and over u in the global weights run over all of them.
    /// </summary>
    internal Tensor Map(Tensor a, Tensor g) => functional.relu((Weights(a, g) * a).sum(1));

    /// <summary>w: [n, K, U…] (local) or [1, K, 1, 1, 1] (global), from A and g [n, K, U…].</summary>
    Tensor Weights(Tensor a, Tensor g)
    {
        var g2 = g.square();
        var denominator = g2.add(g2, StableScalars.One).add_((a * g2 * g).sum([0, 2, 3, 4], keepdim: true), StableScalars.One); // see StableScalars
        var alpha = where(denominator.ne(0), g2 / where(denominator.ne(0), denominator, ones_like(denominator)), zeros_like(g2));
        var positive = functional.relu(g);
        return Weighting == CamWeighting.Local
            ? alpha * positive
            : (alpha * positive).sum([0, 2, 3, 4], keepdim: true);
    }
}
