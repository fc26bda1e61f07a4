using InstanceSaliency.Imaging.Geometry;
using TorchSharp;
using static TorchSharp.torch;

namespace InstanceSaliency.Models.Inference;

/// <summary>
/// How volumes meet MONAI's tensor layout [batch, channel, D, H, W]. A <c>Volume</c> buffer (i fastest) is a
/// C-order array of shape [k, j, i]; nibabel, and so MONAI's loaders, give the same file as an [i, j, k]
/// array. To make the network see exactly what MONAI sees, D, H, W are i, j, k: the buffer is read as
/// [k, j, i] and permuted. Padding, windows and strides then act on (i, j, k) as in MONAI.
/// </summary>
public static class NetworkLayout
{
    /// <summary>The channels (same shape, i fastest) as one contiguous [1, channel, i, j, k] tensor on <paramref name="device"/>.</summary>
    public static Tensor ToInput(IReadOnlyList<float[]> channels, GridShape shape, Device device)
    {
        using var scope = NewDisposeScope();
        var planes = channels.Select(c => tensor(c, [shape.K, shape.J, shape.I]).permute(2, 1, 0)).ToArray();
        return stack(planes).unsqueeze(0).contiguous().to(device).MoveToOuterDisposeScope();
    }

    /// <summary>A [i, j, k] tensor back to a buffer with i fastest.</summary>
    public static float[] ToVoxels(Tensor ijk)
    {
        using var scope = NewDisposeScope();
        return ijk.permute(2, 1, 0).contiguous().cpu().to(ScalarType.Float32).data<float>().ToArray();
    }
}
