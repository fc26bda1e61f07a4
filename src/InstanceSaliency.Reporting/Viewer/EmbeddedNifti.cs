using InstanceSaliency.Imaging.Nifti;
using InstanceSaliency.Imaging.Volumes;

namespace InstanceSaliency.Reporting.Viewer;

/// <summary>
/// Small gzip-compressed NIfTI files for embedding in the report as base64 (file:// pages cannot fetch files).
/// Continuous images are stored as int16 with scl_slope = max|v| / 32767, which keeps 1/32767 of the largest
/// magnitude — far below what a colour map shows — at half the size of float32; masks as uint8.
/// </summary>
public static class EmbeddedNifti
{
    /// <summary>The volume as int16 with a scale factor, as .nii.gz bytes.</summary>
    public static byte[] Scaled(Volume<float> volume)
    {
        double max = volume.Voxels.Where(float.IsFinite).Select(v => Math.Abs((double)v)).DefaultIfEmpty(0).Max();
        double slope = max > 0 ? max / short.MaxValue : 1;
        var stored = volume.Map(v => float.IsFinite(v) ? (short)Math.Round(v / slope) : (short)0);
        var image = NiftiImage.FromVolume(stored);
        return Bytes(new NiftiImage(image.Header with { SclSlope = slope }, image.Voxels));
    }

    /// <summary>A 0/1 mask as uint8 .nii.gz bytes.</summary>
    public static byte[] Mask(Volume<byte> mask) => Bytes(NiftiImage.FromVolume(mask));

    static byte[] Bytes(NiftiImage image)
    {
        // NiftiFile writes files (atomically); a private temporary folder turns that into bytes.
        string folder = Path.Combine(Path.GetTempPath(), "ies-embed-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            string path = Path.Combine(folder, "image.nii.gz");
            NiftiFile.Write(image, path);
            return File.ReadAllBytes(path);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
