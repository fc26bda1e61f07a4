namespace InstanceSaliency.Imaging.Nifti;

/// <summary>The two NIfTI header layouts: 348-byte NIfTI-1 and 540-byte NIfTI-2 (64-bit sizes, double precision).</summary>
public enum NiftiFormat
{
    Nifti1,
    Nifti2,
}
