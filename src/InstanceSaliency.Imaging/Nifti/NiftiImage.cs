using InstanceSaliency.Imaging.Geometry;
using InstanceSaliency.Imaging.Volumes;

namespace InstanceSaliency.Imaging.Nifti;

/// <summary>
/// A NIfTI image as stored: its header and the voxels in their stored type (host byte order, unscaled), for
/// any number of dimensions. Convert to a <see cref="Volume{T}"/> to compute with it; scaling by
/// scl_slope/scl_inter happens in those conversions.
/// </summary>
public sealed class NiftiImage
{
    /// <summary>Wraps a header and a typed voxel array (byte[], short[], float[], ...) of matching type and length.</summary>
    public NiftiImage(NiftiHeader header, Array voxels)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(voxels);
        if (voxels.LongLength != header.VoxelCount)
            throw new ArgumentException($"The header declares {header.VoxelCount} voxels; the array holds {voxels.LongLength}.", nameof(voxels));
        var expected = NiftiVoxels.ElementType(header.Datatype);
        if (voxels.GetType().GetElementType() != expected)
            throw new ArgumentException($"Datatype {NiftiDatatypes.Name(header.Datatype)} needs a {expected.Name}[]; got {voxels.GetType().Name}.", nameof(voxels));
        Header = header;
        Voxels = voxels;
    }

    /// <summary>The header as read (or as it will be written).</summary>
    public NiftiHeader Header { get; }

    /// <summary>Stored values, i fastest, then j, k, and further dimensions.</summary>
    public Array Voxels { get; }

    /// <summary>Spatial geometry from the header.</summary>
    public ImageGeometry Geometry => Header.Geometry;

    /// <summary>Number of 3D frames (the product of dimensions beyond the third).</summary>
    public long FrameCount => Header.Dims.Skip(3).Aggregate(1L, (a, d) => a * d);

    /// <summary>An image holding one volume's voxels in their own type, with the volume's geometry.</summary>
    public static NiftiImage FromVolume<T>(Volume<T> volume, NiftiHeader? template = null) where T : unmanaged
    {
        var header = (template ?? new NiftiHeader { Dims = [1] }).WithGeometry(volume.Geometry) with
        {
            Datatype = NiftiDatatypes.Of<T>(),
            SclSlope = 1,
            SclInter = 0,
            CalMin = 0,
            CalMax = 0,
        };
        return new NiftiImage(header, volume.Voxels);
    }

    /// <summary>One 3D frame as float32 after scaling (value · slope + inter).</summary>
    public Volume<float> ToFloatVolume(int frame = 0)
    {
        var (offset, count) = Frame(frame);
        var (slope, inter) = Header.EffectiveScaling;
        var output = new float[count];
        NiftiVoxels.ToSingle(Voxels, offset, output, slope, inter);
        return new Volume<float>(output, Geometry);
    }

    /// <summary>One 3D frame as a binary mask: 1 where the scaled value is &gt; <paramref name="threshold"/>.</summary>
    public Volume<byte> ToMask(double threshold = 0.5, int frame = 0)
    {
        var values = ToFloatVolume(frame);
        var mask = new byte[values.Voxels.Length];
        for (int n = 0; n < mask.Length; n++) mask[n] = values.Voxels[n] > threshold ? (byte)1 : (byte)0;
        return values.WithVoxels(mask);
    }

    /// <summary>Minimum, maximum and mean over all voxels after scaling (NaN voxels ignored), and the count of non-zero voxels.</summary>
    public IntensitySummary Summarise() => NiftiVoxels.Summarise(Voxels, Header.EffectiveScaling);

    (long Offset, int Count) Frame(int frame)
    {
        if (frame < 0 || frame >= FrameCount)
            throw new ArgumentOutOfRangeException(nameof(frame), $"Frame {frame} requested; the image has {FrameCount}.");
        long perFrame = Geometry.Shape.VoxelCount;
        return (frame * perFrame, checked((int)perFrame));
    }
}

/// <summary>Summary of an image's values after scaling.</summary>
/// <param name="Min">Smallest non-NaN value (NaN when every voxel is NaN).</param>
/// <param name="Max">Largest non-NaN value.</param>
/// <param name="Mean">Mean of the non-NaN values.</param>
/// <param name="NonZero">Number of voxels whose value is not zero (NaN counts as non-zero, as numpy's count_nonzero).</param>
public readonly record struct IntensitySummary(double Min, double Max, double Mean, long NonZero);
