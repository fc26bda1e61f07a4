using InstanceSaliency.Imaging.Volumes;
using InstanceSaliency.Models.Inference;
using InstanceSaliency.Saliency.Targets;
using TorchSharp;
using static TorchSharp.torch;

namespace InstanceSaliency.Saliency.Inputs;

/// <summary>
/// The input x the network sees for one scan (method.md §1): FLAIR and T1 normalised per channel over their
/// non-zero voxels, as [1, channel, i, j, k], zero-padded symmetrically to multiples of the model's size multiple.
/// Owns its tensor. Maps on the padded grid come back to the scan's grid with <see cref="ToVolume"/>.
/// </summary>
public sealed class NetworkInput : IDisposable
{
    NetworkInput(Tensor padded, DivisiblePadding padding, Volume<float> reference, double flairRange)
    {
        Padded = padded;
        Padding = padding;
        Reference = reference;
        FlairRange = flairRange;
    }

    /// <summary>x: [1, channel, D, H, W] (D, H, W = padded i, j, k), float32, CPU or the context's device.</summary>
    public Tensor Padded { get; }

    /// <summary>The padding that was added (before/after per axis).</summary>
    public DivisiblePadding Padding { get; }

    /// <summary>The scan's grid (geometry of the FLAIR).</summary>
    public Volume<float> Reference { get; }

    /// <summary>max − min of the normalised FLAIR channel: SmoothGrad's σ is a fraction of it (method.md §5).</summary>
    public double FlairRange { get; }

    /// <summary>The padded grid's size (D, H, W): where SmoothGrad's per-voxel noise is defined.</summary>
    public (long D, long H, long W) Grid => (Padded.shape[2], Padded.shape[3], Padded.shape[4]);

    /// <summary>The same scan's geometry around another tensor (tests that break the input on purpose); takes ownership of it.</summary>
    internal NetworkInput WithTensor(Tensor padded) => new(padded, Padding, Reference, FlairRange);

    /// <summary>The whole padded grid as a box.</summary>
    public VoxelBox Whole => VoxelBox.Whole(Padded.shape[2], Padded.shape[3], Padded.shape[4]);

    /// <summary>Builds x from FLAIR and T1 (same grid, checked by the caller) for a network needing sizes divisible by <paramref name="sizeMultiple"/>.</summary>
    public static NetworkInput From(Volume<float> flair, Volume<float> t1, int sizeMultiple, Device device)
    {
        // The same x segmentation feeds the network (one preprocessing path for both).
        var prepared = PreparedInput.From(flair, t1, sizeMultiple, device);
        return new NetworkInput(prepared.Padded, prepared.Padding, flair, prepared.FlairRange);
    }

    /// <summary>Padded grid coordinates of an original-grid voxel index (NIfTI order).</summary>
    public (int I, int J, int K) ToPadded(int voxelIndex)
    {
        var (i, j, k) = Reference.Shape.Coordinates(voxelIndex);
        return (i + Padding.Before[0], j + Padding.Before[1], k + Padding.Before[2]);
    }

    /// <summary>An instance target from the voxel indices of a lesion on the scan's grid.</summary>
    public InstanceTarget Target(int id, IReadOnlyList<int> voxelIndices) =>
        new(id, voxelIndices.Select(ToPadded).ToArray());

    /// <summary>A map [D, H, W] on the padded grid, cropped back to the scan's grid, as a volume with the scan's geometry.</summary>
    public Volume<float> ToVolume(Tensor paddedMap)
    {
        using var scope = NewDisposeScope();
        return Reference.WithVoxels(NetworkLayout.ToVoxels(Padding.Crop(paddedMap)));
    }

    public void Dispose() => Padded.Dispose();
}
