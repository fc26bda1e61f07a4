using InstanceSaliency.Saliency.Inputs;
using InstanceSaliency.Saliency.Methods;
using InstanceSaliency.Saliency.Targets;
using static TorchSharp.torch;

namespace InstanceSaliency.Saliency.Execution;

/// <summary>
/// Where an attribution runs, separate from its mathematics (style.md): on the whole padded volume, or on a
/// region that gives the same numbers. Every strategy returns the map on the whole padded grid,
/// [map channel, D, H, W], zero where it was not computed because it is zero there.
/// </summary>
public abstract class ExecutionStrategy
{
    /// <summary>The strategy's name as `--strategy` takes it.</summary>
    public abstract string Name { get; }

    /// <summary>Runs <paramref name="method"/> for <paramref name="target"/> on <paramref name="input"/>.</summary>
    public Tensor Run(AttributionModel model, IAttributionMethod method, NetworkInput input, InstanceTarget target)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(target);
        using var scope = NewDisposeScope();
        var region = Region(model, method, input, target);
        var whole = input.Whole;
        if (region == whole)
            return method.Attribute(Evaluating(model), input.Padded, whole, target).MoveToOuterDisposeScope();
        var crop = input.Padded[.., .., Range(region.I0, region.SizeI), Range(region.J0, region.SizeJ), Range(region.K0, region.SizeK)];
        var map = method.Attribute(Evaluating(model), crop, region, target);
        var full = zeros([map.shape[0], whole.SizeI, whole.SizeJ, whole.SizeK], dtype: map.dtype, device: map.device);
        full[.., Range(region.I0, region.SizeI), Range(region.J0, region.SizeJ), Range(region.K0, region.SizeK)] = map;
        return full.MoveToOuterDisposeScope();
    }

    /// <summary>How the network is evaluated on a region smaller than the whole grid (the model itself by default).</summary>
    protected virtual AttributionModel Evaluating(AttributionModel model) => model;

    /// <summary>The region of the padded grid to compute on.</summary>
    public abstract VoxelBox Region(AttributionModel model, IAttributionMethod method, NetworkInput input, InstanceTarget target);

    static TensorIndex Range(int start, int size) => TensorIndex.Slice(start, start + size);
}

/// <summary>
/// The reference path of method.md §4 ("naive"): the network applied to the whole padded volume, every sample,
/// every lesion.
/// </summary>
public sealed class FullVolumeStrategy : ExecutionStrategy
{
    public override string Name => "naive";

    public override VoxelBox Region(AttributionModel model, IAttributionMethod method, NetworkInput input, InstanceTarget target) => input.Whole;
}

/// <summary>
/// The exact crop ("fast"): Ω's bounding box grown by the network's receptive-field radius, with its origin aligned
/// to the network's size multiple (16), and clipped to the padded grid. For a network without global operations
/// every output voxel of Ω then sees exactly the inputs and intermediate values it sees on the whole volume, and the
/// gradient is zero outside the receptive field (method.md §4), so the maps are the same numbers. Methods that read
/// only Ω's logits run the U-Net's windowed forward pass (<see cref="AttributionModel.WithWindowedForward"/>), which
/// takes any size; methods that run the whole network (Grad-CAM++) get the end aligned too. Methods that are not
/// local, and networks whose receptive field is unknown, run on the whole volume.
/// </summary>
public sealed class ExactCropStrategy : ExecutionStrategy
{
    public override string Name => "fast";

    /// <summary>Inside the crop, every layer runs only where Ω's logits depend on it (the same numbers, see <see cref="AttributionModel.WithWindowedForward"/>).</summary>
    protected override AttributionModel Evaluating(AttributionModel model) => model.WithWindowedForward();

    public override VoxelBox Region(AttributionModel model, IAttributionMethod method, NetworkInput input, InstanceTarget target)
    {
        if (!method.IsLocal || model.ReceptiveFieldRadius is not int radius) return input.Whole;
        var whole = input.Whole;
        // With the windowed forward pass only the origin fixes the stride phase; the end needs just the receptive field.
        bool windowed = method.ReadsInstanceLogitsOnly && model.WithWindowedForward().WindowedForward;
        return target.Bounds.Expanded(radius, model.SizeMultiple, (whole.SizeI, whole.SizeJ, whole.SizeK), alignEnd: !windowed);
    }
}
