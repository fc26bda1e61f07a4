using InstanceSaliency.Imaging.Volumes;
using InstanceSaliency.Models.Inference;
using InstanceSaliency.Saliency.Inputs;
using InstanceSaliency.Saliency.Methods;
using InstanceSaliency.Saliency.Targets;
using TorchSharp;
using static TorchSharp.torch;

namespace InstanceSaliency.Pipeline.Experiments;

/// <summary>
/// One forward pass of the network for one lesion Ω on the exact crop of method.md §4 (Ω's bounding box grown by
/// the receptive-field radius, aligned to the size multiple; <see cref="VoxelBox.Expanded"/>), so the lesion
/// probabilities equal those of one forward pass over the whole padded volume at a fraction of the cost. For a local
/// network the experiments of method.md §8 use this single forward pass, not the Gaussian-weighted sliding window of
/// segmentation (a blend of overlapping 96³ windows); the two differ slightly, and the tables report the
/// sliding-window value beside it. A network that is not local (instance normalisation, TorchScript: no known
/// receptive field) gives its probabilities through the same sliding-window blend that made the prediction
/// (<see cref="AttributionModel.InstanceLogits"/>, the windows touching Ω; method.md §4), as SmoothGrad differentiates it.
/// </summary>
public sealed class LesionCrop
{
    LesionCrop(InstanceTarget target, VoxelBox region, NetworkInput input)
    {
        Target = target;
        Region = region;
        Input = input;
    }

    /// <summary>Ω on the padded grid.</summary>
    public InstanceTarget Target { get; }

    /// <summary>The crop of the padded grid.</summary>
    public VoxelBox Region { get; }

    /// <summary>The whole input the crop comes from.</summary>
    public NetworkInput Input { get; }

    /// <summary>The crop for the lesion with scan-grid voxel indices <paramref name="voxelIndices"/>.</summary>
    public static LesionCrop For(AttributionModel model, NetworkInput input, int id, IReadOnlyList<int> voxelIndices)
    {
        var target = input.Target(id, voxelIndices);
        var whole = input.Whole;
        var region = model.ReceptiveFieldRadius is int radius
            ? target.Bounds.Expanded(radius, model.SizeMultiple, (whole.SizeI, whole.SizeJ, whole.SizeK))
            : whole;
        return new LesionCrop(target, region, input);
    }

    /// <summary>x on the crop, [1, channel, D, H, W] (a view of the padded input).</summary>
    public Tensor Crop() => Input.Padded[.., .., Slice(Region.I0, Region.SizeI), Slice(Region.J0, Region.SizeJ), Slice(Region.K0, Region.SizeK)];

    /// <summary>
    /// A scan-grid volume cut to the crop: the same box of voxels on the scan's grid (geometry shifted accordingly),
    /// filled with 0 where the crop covers padding.
    /// </summary>
    public Volume<T> Cut<T>(Volume<T> volume) where T : unmanaged
    {
        var before = Input.Padding.Before;
        return volume.Reframe(Region.I0 - before[0], Region.J0 - before[1], Region.K0 - before[2], new Imaging.Geometry.GridShape(Region.SizeI, Region.SizeJ, Region.SizeK));
    }

    /// <summary>A volume on the crop (from <see cref="Cut{T}"/>) as a network tensor [1, 1, D, H, W].</summary>
    public Tensor ToTensor(Volume<float> onCrop) => NetworkLayout.ToInput([onCrop.Voxels], onCrop.Shape, Input.Padded.device);

    /// <summary>The lesion probabilities p = softmax(z)[1] at Ω's voxels (stored order) for the crop input <paramref name="x"/>.</summary>
    public float[] Probabilities(AttributionModel model, Tensor x)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        ArgumentNullException.ThrowIfNull(model);
        var (logits, covered) = model.InstanceLogits(x, Region, Target);
        var p = nn.functional.softmax(logits, 1);
        var index = tensor(Target.FlatIndices(covered), device: p.device);
        return p[0, 1].reshape(-1).index_select(0, index).to(ScalarType.Float32).cpu().data<float>().ToArray();
    }

    static TensorIndex Slice(int start, int size) => TensorIndex.Slice(start, start + size);
}
