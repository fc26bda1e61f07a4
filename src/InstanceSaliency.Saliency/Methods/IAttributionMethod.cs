using InstanceSaliency.Saliency.Targets;
using static TorchSharp.torch;

namespace InstanceSaliency.Saliency.Methods;

/// <summary>
/// One attribution of an instance score for one input (method.md §5–6). Implementations return raw maps on
/// the region's grid, [map channel, D, H, W], in logit units; they never rescale or colour.
/// </summary>
public interface IAttributionMethod
{
    /// <summary>The names of the map channels, e.g. ["flair", "t1"] or ["cam"].</summary>
    IReadOnlyList<string> MapChannels(IReadOnlyList<string> inputChannels);

    /// <summary>
    /// True when the map is zero outside the receptive field of Ω and exact on any stride-aligned crop that
    /// contains that field; false when the map needs the whole volume (e.g. Grad-CAM++ with global weights).
    /// </summary>
    bool IsLocal { get; }

    /// <summary>
    /// True when the method reads the network only through <see cref="AttributionModel.InstanceLogits"/> (the logits
    /// on Ω), so an exact crop needs a stride-aligned origin but not a whole-network-sized extent; false when it runs
    /// the whole network on its input (e.g. to capture a layer), which then must have sizes divisible by 16.
    /// </summary>
    bool ReadsInstanceLogitsOnly { get; }

    /// <summary>
    /// Attributes <paramref name="target"/> for the input <paramref name="input"/> [1, channel, D, H, W] covering
    /// <paramref name="region"/> of the padded grid. Runs inside the caller's dispose scope; returns
    /// [map channel, D, H, W] detached.
    /// </summary>
    Tensor Attribute(AttributionModel model, Tensor input, VoxelBox region, InstanceTarget target);
}
