namespace InstanceSaliency.Imaging;

/// <summary>
/// The one preparation step of every command that writes (README, Conventions): before any long work, the output
/// path named by an option is checked and claimed — a folder is created (with its parents) and proved writable by
/// writing and deleting a probe file; a file's folder is checked the same way. A path that is a file where a folder
/// is expected (or the reverse), that lies under a file, under /proc, /sys or /dev, or in a folder that cannot be
/// written is refused with one <see cref="InvalidInputException"/> naming the option, the path and the fix.
/// Temporary files a killed run left (<see cref="AtomicFile"/>'s <c>.NAME.PID.GUID.partial</c>) are removed.
/// </summary>
public static class OutputFolder
{
    /// <summary>Pseudo file systems of the kernel: nothing the tool writes belongs there.</summary>
    static readonly string[] KernelFolders = ["/proc", "/sys", "/dev"];

    /// <summary>The folders this run of a command created (the topmost new one of each path), per execution flow.</summary>
    static readonly AsyncLocal<List<string>?> Created = new();

    /// <summary>Starts recording the folders <see cref="Prepare"/> creates, for <see cref="RemoveCreatedIfEmpty"/>.</summary>
    public static void BeginRun() => Created.Value = [];

    /// <summary>
    /// After a refused run: removes the folders <see cref="Prepare"/> created in it that hold no file (bad input leaves
    /// nothing behind). Folders that existed before, or hold a file, are kept.
    /// </summary>
    public static void RemoveCreatedIfEmpty()
    {
        foreach (string folder in Created.Value ?? [])
            try
            {
                if (Directory.Exists(folder) && !Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Any())
                    Directory.Delete(folder, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        Created.Value = [];
    }

    /// <summary>Checks <paramref name="path"/> as an output folder for <paramref name="option"/>, creates it and removes stale temporary files; returns its full path.</summary>
    /// <exception cref="InvalidInputException">The folder cannot be used (see the class summary).</exception>
    public static string Prepare(string path, string option)
    {
        string full = CheckedFullPath(path, option);
        if (File.Exists(full))
            throw new InvalidInputException($"{option} {path}: is a file, not a folder; name a folder (it is created if missing).");
        RequireNoFileAbove(full, path, option);
        string? topmostNew = null;
        for (string? f = full; f is not null && !Directory.Exists(f); f = Path.GetDirectoryName(f)) topmostNew = f;
        try { Directory.CreateDirectory(full); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidInputException($"{option} {path}: the folder cannot be created ({e.Message}); name a folder you can write.", e);
        }
        if (topmostNew is not null) Created.Value?.Add(topmostNew);
        RequireWritable(full, path, option);
        AtomicFile.RemoveStaleTemporaries(full);
        return full;
    }

    /// <summary>Checks <paramref name="path"/> as an output file for <paramref name="option"/>: not a folder, its folder existing and writable; returns its full path.</summary>
    /// <exception cref="InvalidInputException">The file cannot be written there (see the class summary).</exception>
    public static string PrepareFile(string path, string option)
    {
        string full = CheckedFullPath(path, option);
        if (Directory.Exists(full))
            throw new InvalidInputException($"{option} {path}: is a folder, a file name is expected (e.g. {Path.Combine(path, "labels.nii.gz")}).");
        RequireNoFileAbove(full, path, option);
        string folder = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(folder))
            throw new InvalidInputException($"{option} {path}: the folder {folder} does not exist; create it first.");
        RequireWritable(folder, path, option);
        return full;
    }

    static string CheckedFullPath(string path, string option)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new InvalidInputException($"{option}: empty; name an output path.");
        if (path.Contains('\0')) throw new InvalidInputException($"{option}: the path contains a NUL character.");
        string full = Path.GetFullPath(path);
        foreach (string kernel in KernelFolders)
            if (full == kernel || full.StartsWith(kernel + "/", StringComparison.Ordinal))
                throw new InvalidInputException($"{option} {path}: lies under {kernel}, a kernel file system; name a folder on disk.");
        return full;
    }

    static void RequireNoFileAbove(string full, string path, string option)
    {
        for (string? parent = Path.GetDirectoryName(full); parent is not null; parent = Path.GetDirectoryName(parent))
        {
            if (Directory.Exists(parent)) return;
            if (File.Exists(parent))
                throw new InvalidInputException($"{option} {path}: {parent} is a file, so nothing can be written under it; name another path.");
        }
    }

    static void RequireWritable(string folder, string path, string option)
    {
        string probe = Path.Combine(folder, $".ies-write-probe.{Environment.ProcessId}.{Guid.NewGuid():N}");
        try
        {
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose)) { }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidInputException($"{option} {path}: the folder {folder} cannot be written ({e.Message}); name a folder you can write.", e);
        }
    }
}
