using InstanceSaliency.Imaging.Geometry;

namespace InstanceSaliency.Imaging.Nifti;

/// <summary>
/// The fields of a NIfTI-1 or NIfTI-2 header, in the widest type either format uses. Parsing and encoding live in
/// <see cref="NiftiHeaderCodec"/>; this type only holds values and derives geometry from them.
/// </summary>
public sealed record NiftiHeader
{
    public NiftiFormat Format { get; init; } = NiftiFormat.Nifti1;
    public bool BigEndian { get; init; }

    /// <summary>dim[1..dim[0]]: the size of each used dimension (length 1 to 7).</summary>
    public required long[] Dims { get; init; }

    /// <summary>pixdim[0..7]; pixdim[0] is qfac.</summary>
    public double[] Pixdim { get; init; } = [1, 1, 1, 1, 1, 1, 1, 1];

    public NiftiDatatype Datatype { get; init; } = NiftiDatatype.Float32;

    /// <summary>Byte offset of the voxel data in the (decompressed) file.</summary>
    public long VoxOffset { get; init; }

    /// <summary>Raw scl_slope (0 or non-finite means unscaled).</summary>
    public double SclSlope { get; init; } = 1;

    /// <summary>Raw scl_inter.</summary>
    public double SclInter { get; init; }

    public short QformCode { get; init; }
    public short SformCode { get; init; }
    public double QuaternB { get; init; }
    public double QuaternC { get; init; }
    public double QuaternD { get; init; }
    public double QOffsetX { get; init; }
    public double QOffsetY { get; init; }
    public double QOffsetZ { get; init; }

    /// <summary>srow_x, srow_y, srow_z: 12 entries row-major.</summary>
    public double[] Srow { get; init; } = [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0];

    public byte XyztUnits { get; init; } = 2;
    public byte DimInfo { get; init; }
    public short IntentCode { get; init; }
    public double IntentP1 { get; init; }
    public double IntentP2 { get; init; }
    public double IntentP3 { get; init; }
    public string IntentName { get; init; } = "";
    public string Description { get; init; } = "";
    public string AuxFile { get; init; } = "";
    public double CalMin { get; init; }
    public double CalMax { get; init; }
    public byte SliceCode { get; init; }
    public long SliceStart { get; init; }
    public long SliceEnd { get; init; }
    public double SliceDuration { get; init; }
    public double TOffset { get; init; }

    /// <summary>Product of all dimensions: the number of voxels stored.</summary>
    public long VoxelCount => Dims.Aggregate(1L, (a, d) => checked(a * d));

    /// <summary>The scaling actually applied to stored values: (slope, inter), (1, 0) when slope is 0 or not finite.</summary>
    public (double Slope, double Inter) EffectiveScaling =>
        SclSlope == 0 || !double.IsFinite(SclSlope) ? (1, 0) : (SclSlope, double.IsFinite(SclInter) ? SclInter : 0);

    /// <summary>Whether stored values are transformed on read.</summary>
    public bool IsScaled => EffectiveScaling != (1, 0);

    /// <summary>The spatial geometry: shape from dim[1..3] (1 where absent), voxel sizes, qform, sform.</summary>
    public ImageGeometry Geometry => new()
    {
        Shape = new GridShape(SpatialSize(0), SpatialSize(1), SpatialSize(2)),
        Pixdim = (Pixdim[1], Pixdim[2], Pixdim[3]),
        QformCode = QformCode,
        Quaternion = new Quaternion(QuaternB, QuaternC, QuaternD),
        Qfac = Pixdim[0] < 0 ? -1 : 1,
        QOffset = (QOffsetX, QOffsetY, QOffsetZ),
        SformCode = SformCode,
        Sform = Affine.FromRowMajor([.. Srow, 0, 0, 0, 1]),
        XyztUnits = XyztUnits,
    };

    /// <summary>
    /// This header with the geometry of <paramref name="geometry"/> (shape, voxel sizes, both transforms and
    /// codes) and the given extra dimensions after the three spatial ones.
    /// </summary>
    public NiftiHeader WithGeometry(ImageGeometry geometry, params long[] extraDims)
    {
        var pixdim = (double[])Pixdim.Clone();
        pixdim[0] = geometry.Qfac < 0 ? -1 : 1;
        pixdim[1] = geometry.Pixdim.I;
        pixdim[2] = geometry.Pixdim.J;
        pixdim[3] = geometry.Pixdim.K;
        var s = geometry.Sform;
        return this with
        {
            Dims = [geometry.Shape.I, geometry.Shape.J, geometry.Shape.K, .. extraDims],
            Pixdim = pixdim,
            QformCode = geometry.QformCode,
            QuaternB = geometry.Quaternion.B,
            QuaternC = geometry.Quaternion.C,
            QuaternD = geometry.Quaternion.D,
            QOffsetX = geometry.QOffset.X,
            QOffsetY = geometry.QOffset.Y,
            QOffsetZ = geometry.QOffset.Z,
            SformCode = geometry.SformCode,
            Srow = [s[0, 0], s[0, 1], s[0, 2], s[0, 3], s[1, 0], s[1, 1], s[1, 2], s[1, 3], s[2, 0], s[2, 1], s[2, 2], s[2, 3]],
            XyztUnits = geometry.XyztUnits,
        };
    }

    int SpatialSize(int axis)
    {
        long size = axis < Dims.Length ? Dims[axis] : 1;
        if (size > int.MaxValue) throw new InvalidInputException($"dim[{axis + 1}] = {size} is too large for a spatial axis.");
        return (int)Math.Max(1, size);
    }
}
