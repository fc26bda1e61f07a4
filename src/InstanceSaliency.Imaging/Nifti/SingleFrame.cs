namespace InstanceSaliency.Imaging.Nifti;

/// <summary>
/// The dimensionality rule for an input that must be one 3D image (a scan or a mask): dimensions beyond the third
/// (time, ...) may exist only with size 1. A series of frames given where one volume is expected is refused, never
/// cut to its first frame without a word (issue 19). A caller that wants one frame of a series asks for it by
/// number (<see cref="NiftiFile.ReadVolume(string, int)"/>).
/// </summary>
public static class SingleFrame
{
    /// <summary>
    /// Throws an <see cref="InvalidInputException"/> naming the image's source, its shape and the fix when the
    /// product of its dimensions beyond the third is not 1; <paramref name="expected"/> names what was expected
    /// ("scan", "mask").
    /// </summary>
    public static void Require(NiftiImage image, string expected)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (image.FrameCount == 1) return;
        string name = image.Source ?? "the image";
        long[] dims = image.Header.Dims;
        string shape = string.Join("×", dims);
        string fix = dims.Length == 4
            ? $"pass one frame, e.g. fslroi {name} {Stem(name)}0 0 1"
            : "pass one 3D volume of it";
        throw new InvalidInputException($"{name}: a {dims.Length}D image ({shape}); a 3D {expected} is expected: {fix}.");
    }

    static string Stem(string path)
    {
        foreach (string suffix in new[] { ".nii.gz", ".nii" })
            if (path.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)) return path[..^suffix.Length];
        return path;
    }
}
