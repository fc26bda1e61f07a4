using TorchSharp;
using static TorchSharp.torch;

namespace InstanceSaliency.Models.Inference;

/// <summary>
/// MONAI <c>DivisiblePad(k, method="symmetric")</c> (method.md §1): each spatial axis of length n is padded with
/// zeros to the next multiple of k, ⌊p/2⌋ before and the rest after, p = (k − n mod k) mod k. The position
/// fixes the stride phase of every layer, so every path uses this one.
/// </summary>
/// <param name="Before">Voxels added before the data along D, H, W (= i, j, k).</param>
/// <param name="After">Voxels added after.</param>
public sealed record DivisiblePadding(int[] Before, int[] After)
{
    /// <summary>The padding for spatial sizes <paramref name="sizes"/> (D, H, W) and multiple <paramref name="k"/>.</summary>
    public static DivisiblePadding For(IReadOnlyList<long> sizes, int k)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        var before = new int[sizes.Count];
        var after = new int[sizes.Count];
        for (int d = 0; d < sizes.Count; d++)
        {
            int p = (int)((k - sizes[d] % k) % k);
            before[d] = p / 2;
            after[d] = p - p / 2;
        }
        return new DivisiblePadding(before, after);
    }

    /// <summary>Pads the last three axes of a [batch, channel, D, H, W] tensor with zeros.</summary>
    public Tensor Pad(Tensor input) =>
        nn.functional.pad(input, [Before[2], After[2], Before[1], After[1], Before[0], After[0]]);

    /// <summary>Crops the padding off the last three axes (a view).</summary>
    public Tensor Crop(Tensor padded)
    {
        long d = padded.shape[^3], h = padded.shape[^2], w = padded.shape[^1];
        return padded[TensorIndex.Ellipsis,
            TensorIndex.Slice(Before[0], d - After[0]),
            TensorIndex.Slice(Before[1], h - After[1]),
            TensorIndex.Slice(Before[2], w - After[2])];
    }
}
