using InstanceSaliency.Imaging.Geometry;

namespace InstanceSaliency.Imaging.Nifti;

/// <summary>
/// What <c>ies info</c> reports about a NIfTI file (cli-contract.md): header facts, the affine chosen as nibabel
/// chooses it, and a summary of the voxel values after scaling. Undefined numbers (NaN) are null.
/// </summary>
public sealed record NiftiInfo(
    string Format,
    long[] Dims,
    double[] Pixdim,
    string Datatype,
    string ByteOrder,
    double? SclSlope,
    double? SclInter,
    int QformCode,
    int SformCode,
    double[][] Affine,
    string AffineSource,
    string Orientation,
    double? Min,
    double? Max,
    double? Mean,
    long Nonzero)
{
    /// <summary>Reads <paramref name="path"/> and describes it.</summary>
    public static NiftiInfo Of(string path) => Of(NiftiFile.Read(path));

    /// <summary>Describes an image already in memory.</summary>
    public static NiftiInfo Of(NiftiImage image)
    {
        var h = image.Header;
        var geometry = h.Geometry;
        var summary = image.Summarise();
        return new NiftiInfo(
            Format: h.Format == NiftiFormat.Nifti1 ? "nifti1" : "nifti2",
            Dims: h.Dims,
            Pixdim: h.Pixdim.Skip(1).Take(h.Dims.Length).ToArray(),
            Datatype: NiftiDatatypes.Name(h.Datatype),
            ByteOrder: h.BigEndian ? "big" : "little",
            SclSlope: Finite(h.SclSlope),
            SclInter: Finite(h.SclInter),
            QformCode: h.QformCode,
            SformCode: h.SformCode,
            Affine: geometry.Affine.ToRows(),
            AffineSource: geometry.AffineSource switch
            {
                Geometry.AffineSource.Sform => "sform",
                Geometry.AffineSource.Qform => "qform",
                _ => "pixdim",
            },
            Orientation: geometry.Affine.Orientation(),
            Min: Finite(summary.Min),
            Max: Finite(summary.Max),
            Mean: Finite(summary.Mean),
            Nonzero: summary.NonZero);
    }

    static double? Finite(double value) => double.IsNaN(value) ? null : value;
}
