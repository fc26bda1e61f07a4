using InstanceSaliency.Models.Checkpoints;
using InstanceSaliency.Models.Networks;
using InstanceSaliency.Saliency.Execution;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace InstanceSaliency.Saliency.Methods;

/// <summary>
/// A segmentation network prepared for explanation: evaluation mode, parameters frozen (only the input and
/// captured activations need gradients), and what the execution strategies need to know about it.
/// </summary>
public sealed class AttributionModel
{
    /// <summary>Freezes <paramref name="model"/>'s parameters and puts it in evaluation mode.</summary>
    public AttributionModel(SegmentationModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        Model = model;
        model.Module.eval();
        foreach (var parameter in model.Module.parameters()) parameter.requires_grad_(false);
        if (model.Module is MonaiUNet unet && unet.Settings.Norm == NormKind.Batch)
            ReceptiveFieldRadius = ReceptiveField.RadiusVoxels(unet.Settings);
    }

    /// <summary>The wrapped model.</summary>
    public SegmentationModel Model { get; }

    /// <summary>The network; call with <c>.call</c> so hooks fire.</summary>
    public IModule<Tensor, Tensor> Network => Model.Network;

    /// <summary>
    /// The receptive-field radius in voxels when the network is local (a batch-norm MONAI U-Net in evaluation
    /// mode: every operation is a convolution or pointwise); null for networks with global operations
    /// (instance normalisation) or of unknown structure (TorchScript), which only the full-volume strategy may run.
    /// </summary>
    public int? ReceptiveFieldRadius { get; }

    /// <summary>Inputs are padded to multiples of this, and exact crops are aligned to it (method.md §1, §4).</summary>
    public int SizeMultiple => Model.SizeMultiple;

    /// <summary>The module named <paramref name="name"/> (state-dict naming, e.g. "model.1.submodule.2.conv").</summary>
    public Module<Tensor, Tensor> Layer(string name)
    {
        if (Model.Format == ModelFormat.TorchScript)
            throw new Imaging.InvalidInputException(
                $"{Model.Source}: Grad-CAM++ cannot capture a layer of a TorchScript model (it runs as one compiled graph, without module hooks); use --methods smoothgrad,smoothgrad-max, or give the weights as a state_dict with a sidecar.");
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
