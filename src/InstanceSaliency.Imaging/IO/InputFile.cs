namespace InstanceSaliency.Imaging;

/// <summary>
/// The first check of a file a user names as input, before anything reads or hashes it: it must exist and be a
/// file. The error names the option, the path and what it is instead.
/// </summary>
public static class InputFile
{
    /// <summary>Returns <paramref name="path"/> when it names an existing file; otherwise throws naming <paramref name="option"/>.</summary>
    /// <exception cref="InvalidInputException">The path is empty, a directory, or names nothing.</exception>
    public static string Require(string path, string option)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new InvalidInputException($"{option}: empty; name an image file (.nii or .nii.gz).");
        if (Directory.Exists(path)) throw new InvalidInputException($"{option} {path}: is a directory; name an image file (.nii or .nii.gz).");
        if (!File.Exists(path)) throw new InvalidInputException($"{option} {path}: does not exist.");
        return path;
    }
}
