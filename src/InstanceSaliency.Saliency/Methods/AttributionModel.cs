using InstanceSaliency.Models.Checkpoints;
using InstanceSaliency.Models.Inference;
using InstanceSaliency.Models.Networks;
using InstanceSaliency.Saliency.Execution;
using InstanceSaliency.Saliency.Targets;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace InstanceSaliency.Saliency.Methods;

/// <summary>
/// A segmentation network prepared for explanation: evaluation mode, parameters frozen (only the input and
/// captured activations need gradients), and what the execution strategies need to know about it.
/// </summary>
public sealed class AttributionModel
{
    /// <summary>
    /// Freezes <paramref name="model"/>'s parameters and puts it in evaluation mode. <paramref name="window"/> is the
    /// sliding-window inference that produced the prediction (the paper's by default); instance targets of non-local
    /// networks are differentiated through it.
    /// </summary>
    public AttributionModel(SegmentationModel model, SlidingWindowSettings? window = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        Model = model;
        SlidingWindow = new SlidingWindowInference(window ?? SlidingWindowSettings.Paper);
        model.Module.eval();
        foreach (var parameter in model.Module.parameters()) parameter.requires_grad_(false);
        if (model.Module is MonaiUNet unet && unet.Settings.Norm == NormKind.Batch)
            ReceptiveFieldRadius = ReceptiveField.RadiusVoxels(unet.Settings);
    }

    AttributionModel(AttributionModel model, bool windowedForward)
    {
        Model = model.Model;
        SlidingWindow = model.SlidingWindow;
        ReceptiveFieldRadius = model.ReceptiveFieldRadius;
        WindowedForward = windowedForward;
    }

    /// <summary>
    /// This model with <see cref="InstanceLogits"/> evaluating every layer only where Ω's logits depend on it
    /// (<see cref="MonaiUNet.ForwardWindow"/>; the same numbers), when the network is a local U-Net that supports it;
    /// otherwise this model unchanged. The exact-crop strategy uses it; the naive reference never does.
    /// </summary>
    public AttributionModel WithWindowedForward() =>
        WindowedForward || ReceptiveFieldRadius is null || Model.Module is not MonaiUNet { SupportsWindow: true } ? this : new AttributionModel(this, true);

    /// <summary>The sliding-window inference through which non-local networks are differentiated.</summary>
    public SlidingWindowInference SlidingWindow { get; }

    /// <summary>True when <see cref="InstanceLogits"/> runs the windowed forward pass for Ω's bounding box.</summary>
    public bool WindowedForward { get; }

    /// <summary>
    /// The logits [1, class, D, H, W] that the instance score s_Ω is taken of (method.md §4), for input
    /// <paramref name="x"/> covering <paramref name="region"/> of the padded grid, and the region they cover:
    /// - a local network: one pass over the region (the whole region, or only Ω's bounding box with
    ///   <see cref="WithWindowedForward"/>; the same numbers on Ω);
    /// - a non-local network (<see cref="ReceptiveFieldRadius"/> null: instance normalisation, TorchScript): the
    ///   sliding-window blend on Ω's bounding box from the windows that overlap it, as the prediction was made;
    ///   <paramref name="region"/> must then be the whole padded grid, because the windows are placed on it.
    /// </summary>
    public (Tensor Logits, VoxelBox Region) InstanceLogits(Tensor x, VoxelBox region, InstanceTarget target)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(target);
        bool blended = ReceptiveFieldRadius is null;
        if (!blended && (!WindowedForward || Model.Module is not MonaiUNet)) return (Network.call(x), region);
        var b = target.Bounds;
        if (!region.Contains(b))
            throw new ArgumentException($"Lesion {target.Id}: its voxels {b} do not all lie in the region {region}.", nameof(region));
        var box = new AxisRange[]
        {
            new(b.I0 - region.I0, b.I0 - region.I0 + b.SizeI),
            new(b.J0 - region.J0, b.J0 - region.J0 + b.SizeJ),
            new(b.K0 - region.K0, b.K0 - region.K0 + b.SizeK),
        };
        if (!blended) return (((MonaiUNet)Model.Module).ForwardWindow(x, box), b);
        if (region.I0 != 0 || region.J0 != 0 || region.K0 != 0)
            throw new ArgumentException($"Lesion {target.Id}: a non-local network is differentiated through the sliding window over the whole padded grid; got the region {region}.", nameof(region));
        return (SlidingWindow.RunOn(Network, x, box), b);
    }

    /// <summary>The wrapped model.</summary>
    public SegmentationModel Model { get; }

    /// <summary>The network; call with <c>.call</c> so hooks fire.</summary>
    public IModule<Tensor, Tensor> Network => Model.Network;

    /// <summary>
    /// The receptive-field radius in voxels when the network is local (a batch-norm MONAI U-Net in evaluation
    /// mode: every operation is a convolution or pointwise); null for networks with global operations
    /// (instance normalisation) or of unknown structure (TorchScript), which run on the whole volume and are
    /// differentiated through the sliding window (<see cref="InstanceLogits"/>).
    /// </summary>
    public int? ReceptiveFieldRadius { get; }

    /// <summary>Inputs are padded to multiples of this, and exact crops are aligned to it (method.md §1, §4).</summary>
    public int SizeMultiple => Model.SizeMultiple;

    /// <summary>The module named <paramref name="name"/> (state-dict naming, e.g. "model.1.submodule.2.conv").</summary>
    public Module<Tensor, Tensor> Layer(string name)
    {
        if (Model.Format == ModelFormat.TorchScript)
            throw new Imaging.InvalidInputException(
                $"{Model.Source}: Grad-CAM++ cannot capture a layer of a TorchScript model (it runs as one compiled graph, without module hooks); use --methods smoothgrad,smoothgrad-max, or give " +
                    $"the weights as a state_dict with a sidecar.");
        foreach (var (moduleName, module) in Model.Module.named_modules())
            if (moduleName == name)
                return module as Module<Tensor, Tensor>
                    ?? throw new Imaging.InvalidInputException($"Layer {name} of {Model.Source} does not map a tensor to a tensor; choose another --cam-layer.");
        throw new Imaging.InvalidInputException(
            Model.Module is MonaiUNet
                ? $"No layer named {name} in {Model.Source}; Grad-CAM++ needs a layer such as model.1.submodule.2.conv."
                : $"{Model.Source}: Grad-CAM++ needs a named layer to capture and this {Model.Format} model exposes none named {name}; use the SmoothGrad methods.");
    }
}
