using InstanceSaliency.Models.Networks;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace InstanceSaliency.Models.Checkpoints;

/// <summary>
/// A loaded segmentation network in evaluation mode with its description: input [batch, channel, D, H, W]
/// (channels in <see cref="ModelDescription.Modalities"/> order, normalised intensities), output logits
/// [batch, class, D, H, W]; class 1 is the lesion. Owns the network's native memory.
/// </summary>
public sealed class SegmentationModel : IDisposable
{
    internal SegmentationModel(Module module, ModelDescription description, ModelFormat format, string source)
    {
        Module = module;
        Network = module as IModule<Tensor, Tensor>
            ?? throw new ArgumentException($"{module.GetType().Name} does not map a tensor to a tensor.", nameof(module));
        Description = description;
        Format = format;
        Source = source;
        module.eval();
    }

    /// <summary>The network as a function of tensors; invoke with <c>.call</c> so hooks fire.</summary>
    public IModule<Tensor, Tensor> Network { get; }

    /// <summary>
    /// The same network as a module: a <see cref="MonaiUNet"/> (whose sub-modules take forward hooks), or a
    /// TorchScript <c>ScriptModule</c>.
    /// </summary>
    public Module Module { get; }

    /// <summary>Sidecar values (threshold, modalities, Grad-CAM++ layer).</summary>
    public ModelDescription Description { get; }

    /// <summary>How the model was stored.</summary>
    public ModelFormat Format { get; }

    /// <summary>The file it came from (or a description of an in-memory model).</summary>
    public string Source { get; }

    /// <summary>
    /// Inputs are padded to multiples of this (method.md §1: 16): the least common multiple of 16 and the
    /// U-Net's total stride; 16 for TorchScript.
    /// </summary>
    public int SizeMultiple => Module is MonaiUNet unet ? Lcm(16, unet.Settings.TotalStride) : 16;

    static int Lcm(int a, int b)
    {
        int x = a, y = b;
        while (y != 0) (x, y) = (y, x % y);
        return a / x * b;
    }

    /// <summary>
    /// Wraps an in-memory U-Net (e.g. seeded weights for benchmarks, or a freshly trained one); <paramref name="description"/>
    /// replaces the default description of its settings (e.g. to give it a working grid, spacing_mm).
    /// </summary>
    public static SegmentationModel FromNetwork(MonaiUNet network, string source = "in-memory U-Net", ModelDescription? description = null) =>
        new(network, description ?? ModelDescription.Of(network.Settings), ModelFormat.Package, source);

    public void Dispose() => Module.Dispose();
}
