using InstanceSaliency.Imaging.Geometry;

namespace InstanceSaliency.Imaging.Orientation;

/// <summary>
/// The geometry after an axis permutation: shape and pixdim permuted, sform ← sform · T, qform ← qform · T
/// (quaternion, qfac and offset recomputed), codes kept. Both transforms keep every voxel's world position.
/// </summary>
public static class ReorientedGeometry
{
    /// <summary>
    /// The geometry of <paramref name="geometry"/>'s grid read through <paramref name="permutation"/>. A header
    /// with neither qform nor sform (nibabel's pixdim affine) cannot express a permutation through pixdim, so it
    /// gets the reoriented affine as an sform with code 2 (aligned), qform code 0.
    /// </summary>
    public static ImageGeometry Of(ImageGeometry geometry, AxisPermutation permutation)
    {
        ArgumentNullException.ThrowIfNull(geometry);
        ArgumentNullException.ThrowIfNull(permutation);
        var t = permutation.TargetToSourceIndex(geometry.Shape);
        var shape = permutation.TargetShape(geometry.Shape);
        if (geometry.AffineSource == AffineSource.Pixdim)
            return ImageGeometry.FromAffine(shape, geometry.Affine.Multiply(t)) with { QformCode = 0, XyztUnits = geometry.XyztUnits };
        double[] pixdim = [geometry.Pixdim.I, geometry.Pixdim.J, geometry.Pixdim.K];
        var qform = geometry.QformAffine.Multiply(t);
        var (quaternion, qfac, _) = Quaternion.FromAffine(qform);
        return geometry with
        {
            Shape = shape,
            Pixdim = (pixdim[permutation.SourceAxis(0)], pixdim[permutation.SourceAxis(1)], pixdim[permutation.SourceAxis(2)]),
            Quaternion = quaternion,
            Qfac = qfac,
            QOffset = (qform[0, 3], qform[1, 3], qform[2, 3]),
            Sform = geometry.Sform.Multiply(t),
            PixdimOrigin = null,
        };
    }
}
