using InstanceSaliency.Imaging.Volumes;

namespace InstanceSaliency.Imaging.Morphology;

/// <summary>Binary masks (0 background, 1 foreground) from images stored with other voxel types.</summary>
public static class BinaryMask
{
    /// <summary>
    /// The cut used for masks read from files (cli-contract.md: "a binary mask (voxels &gt; 0.5)"), which keeps
    /// masks stored as floats or resampled with interpolation binary in the expected way.
    /// </summary>
    public const float DefaultThreshold = 0.5f;

    /// <summary>1 where the voxel is strictly above <paramref name="threshold"/>, else 0 (NaN counts as background).</summary>
    public static Volume<byte> Threshold(Volume<float> image, float threshold = DefaultThreshold)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (!float.IsFinite(threshold))
            throw new ArgumentException($"The mask threshold must be finite; got {threshold}.", nameof(threshold));
        var source = image.Voxels;
        var output = new byte[source.Length];
        for (int n = 0; n < source.Length; n++) output[n] = source[n] > threshold ? (byte)1 : (byte)0;
        return image.WithVoxels(output);
    }

    /// <summary>1 where the voxel is non-zero, else 0 (normalises masks stored as 0/255 or with several labels).</summary>
    public static Volume<byte> NonZero(Volume<byte> mask)
    {
        ArgumentNullException.ThrowIfNull(mask);
        var source = mask.Voxels;
        var output = new byte[source.Length];
        for (int n = 0; n < source.Length; n++) output[n] = source[n] != 0 ? (byte)1 : (byte)0;
        return mask.WithVoxels(output);
    }

    /// <summary>Number of non-zero voxels.</summary>
    public static int CountForeground(Volume<byte> mask)
    {
        ArgumentNullException.ThrowIfNull(mask);
        return mask.Voxels.Length - mask.Voxels.AsSpan().Count((byte)0);
    }
}
