namespace InstanceSaliency.Imaging.Geometry;

/// <summary>Which header fields an image's affine came from (nibabel's order of preference).</summary>
public enum AffineSource
{
    /// <summary>sform_code &gt; 0: the srow_x/y/z rows.</summary>
    Sform,
    /// <summary>sform_code = 0 and qform_code &gt; 0: the quaternion, qfac, pixdim and qoffset.</summary>
    Qform,
    /// <summary>Neither code set: diag(pixdim) centred as nibabel's fallback (ANALYZE-style).</summary>
    Pixdim,
}
