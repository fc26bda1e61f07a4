namespace InstanceSaliency.Imaging.Geometry;

/// <summary>
/// Everything that places an image's voxels in the world: the spatial shape, voxel sizes, both NIfTI
/// transforms (qform and sform, each with its code) and the units. Immutable; crops and pads return a new
/// geometry whose transforms are shifted so every voxel keeps its world position.
/// </summary>
public sealed record ImageGeometry
{
    /// <summary>Spatial shape along i, j, k (NIfTI dim[1..3]; 1 for missing axes).</summary>
    public required GridShape Shape { get; init; }

    /// <summary>Voxel sizes in the header's spatial unit (pixdim[1..3]); must be non-negative.</summary>
    public required (double I, double J, double K) Pixdim { get; init; }

    /// <summary>qform_code (0 = unset, 1 scanner, 2 aligned, 3 Talairach, 4 MNI, 5 template).</summary>
    public short QformCode { get; init; }

    /// <summary>The qform rotation (quatern_b/c/d).</summary>
    public Quaternion Quaternion { get; init; }

    /// <summary>pixdim[0]: −1 flips the k axis of the qform, anything else counts as +1 (nifti1.h).</summary>
    public double Qfac { get; init; } = 1;

    /// <summary>qoffset_x/y/z in mm.</summary>
    public (double X, double Y, double Z) QOffset { get; init; }

    /// <summary>sform_code (meaning as for qform_code).</summary>
    public short SformCode { get; init; }

    /// <summary>The sform rows (srow_x/y/z), kept even when sform_code is 0 so a rewrite preserves them.</summary>
    public Affine Sform { get; init; } = Affine.Identity;

    /// <summary>xyzt_units byte (spatial unit in bits 0–2, temporal in bits 3–5); 2 = mm.</summary>
    public byte XyztUnits { get; init; } = 2;

    /// <summary>The qform as an affine (valid whether or not qform_code is set).</summary>
    public Affine QformAffine => Quaternion.ToAffine(Qfac, Pixdim, QOffset);

    /// <summary>Where <see cref="Affine"/> comes from: sform if sform_code &gt; 0, else qform if qform_code &gt; 0, else pixdim.</summary>
    public AffineSource AffineSource =>
        SformCode > 0 ? AffineSource.Sform : QformCode > 0 ? AffineSource.Qform : AffineSource.Pixdim;

    /// <summary>The voxel-to-world affine chosen as nibabel chooses it (see <see cref="AffineSource"/>).</summary>
    public Affine Affine => AffineSource switch
    {
        AffineSource.Sform => Sform,
        AffineSource.Qform => QformAffine,
        _ => PixdimAffine(),
    };

    /// <summary>Voxel sizes in mm from the chosen affine (column norms), as distances should use them.</summary>
    public (double I, double J, double K) VoxelSizeMm => Affine.VoxelSizes();

    /// <summary>Voxel volume in mm³.</summary>
    public double VoxelVolumeMm3
    {
        get
        {
            var (i, j, k) = VoxelSizeMm;
            return i * j * k;
        }
    }

    /// <summary>A geometry with both transforms set from one affine (qform from its rotation, sform equal to it).</summary>
    public static ImageGeometry FromAffine(GridShape shape, Affine affine, short code = 2)
    {
        var (q, qfac, pixdim) = Quaternion.FromAffine(affine);
        return new ImageGeometry
        {
            Shape = shape,
            Pixdim = pixdim,
            QformCode = code,
            Quaternion = q,
            Qfac = qfac,
            QOffset = (affine[0, 3], affine[1, 3], affine[2, 3]),
            SformCode = code,
            Sform = affine,
        };
    }

    /// <summary>
    /// The geometry of the sub-grid of shape <paramref name="shape"/> whose voxel (0,0,0) is voxel
    /// (<paramref name="di"/>, <paramref name="dj"/>, <paramref name="dk"/>) of this one. Negative offsets pad.
    /// </summary>
    public ImageGeometry Reframed(GridShape shape, int di, int dj, int dk)
    {
        var q = QformAffine.Apply(di, dj, dk);
        return this with
        {
            Shape = shape,
            QOffset = q,
            Sform = Sform.Shifted(di, dj, dk),
            PixdimOrigin = PixdimOrigin is { } o ? (o.I - di, o.J - dj, o.K - dk) : (Shape.CentreI - di, Shape.CentreJ - dj, Shape.CentreK - dk),
        };
    }

    /// <summary>
    /// Only for the pixdim fallback: the voxel at the world origin. nibabel puts it at the grid centre; a crop
    /// must keep it where it was, so reframing records it here.
    /// </summary>
    public (double I, double J, double K)? PixdimOrigin { get; init; }

    /// <summary>True when shapes are equal and the chosen affines agree within <paramref name="toleranceMm"/>.</summary>
    public bool SameGrid(ImageGeometry other, double toleranceMm = 1e-3) =>
        Shape == other.Shape && Affine.ApproximatelyEquals(other.Affine, toleranceMm);

    Affine PixdimAffine()
    {
        // nibabel's shape_zoom_affine(shape, zooms, x_flip=True): origin at the grid centre, i axis flipped.
        var (ci, cj, ck) = PixdimOrigin ?? (Shape.CentreI, Shape.CentreJ, Shape.CentreK);
        double zi = Pixdim.I, zj = Pixdim.J, zk = Pixdim.K;
        return Affine.FromRowMajor([-zi, 0, 0, ci * zi, 0, zj, 0, -cj * zj, 0, 0, zk, -ck * zk, 0, 0, 0, 1]);
    }
}
