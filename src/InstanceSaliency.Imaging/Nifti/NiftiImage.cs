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
    /// <summary>
    /// Wraps a header and a typed voxel array (byte[], short[], float[], ...) of matching type and length;
    /// <paramref name="source"/> (the file read, when there is one) names the image in errors.
    /// </summary>
    public NiftiImage(NiftiHeader header, Array voxels, string? source = null)
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
        Source = source;
    }

    /// <summary>The path this image was read from (null for an image built in memory); names it in errors.</summary>
    public string? Source { get; }

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

    /// <summary>
    /// The image as float32 after scaling (value · slope + inter); it must be 3D (dimensions beyond the third of size
    /// 1), else an <see cref="InvalidInputException"/> names the file, its shape and the fix (<see cref="SingleFrame"/>).
    /// </summary>
    public Volume<float> ToFloatVolume()
    {
        SingleFrame.Require(this, "scan");
        return ToFloatVolume(0);
    }

    /// <summary>Frame <paramref name="frame"/> (0-based, over the dimensions beyond the third) as float32 after scaling.</summary>
    public Volume<float> ToFloatVolume(int frame)
    {
        var (offset, count) = Frame(frame);
        var (slope, inter) = Header.EffectiveScaling;
        var output = new float[count];
        NiftiVoxels.ToSingle(Voxels, offset, output, slope, inter);
        return new Volume<float>(output, Geometry);
    }

    /// <summary>
    /// The image as a binary mask by <see cref="MaskBinarisation"/> (lesion ⇔ scaled value &gt; 0.5; negative values
    /// refused), with the warnings non-binary values raised. It must be 3D (<see cref="SingleFrame"/>).
    /// </summary>
    public MaskReading ToMaskReading()
    {
        SingleFrame.Require(this, "mask");
        return MaskBinarisation.Apply(ToFloatVolume(0), Source ?? "the mask");
    }

    /// <summary>
    /// <see cref="ToMaskReading"/> without its warnings: for masks the tool wrote itself. Masks a user gives go
    /// through <see cref="ToMaskReading"/> so the warnings reach them.
    /// </summary>
    public Volume<byte> ToMask() => ToMaskReading().Mask;

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
