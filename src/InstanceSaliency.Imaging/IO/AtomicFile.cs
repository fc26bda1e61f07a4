namespace InstanceSaliency.Imaging;

/// <summary>
/// Writes a file under a temporary name in the target folder and renames it into place only when the writer
/// finished: a failed or interrupted write never leaves a file that looks complete (cli-contract.md).
/// </summary>
public static class AtomicFile
{
    /// <summary>Calls <paramref name="write"/> with a stream to a temporary file, then renames it to <paramref name="path"/>.</summary>
    public static void Write(string path, Action<Stream> write)
    {
        string full = Path.GetFullPath(path);
        string? folder = Path.GetDirectoryName(full);
        if (folder is not null && !Directory.Exists(folder))
            throw new InvalidInputException($"{path}: the folder {folder} does not exist.");
        string temporary = Path.Combine(folder ?? ".", TemporaryName(Path.GetFileName(full)));
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1 << 20))
            {
                write(stream);
                stream.Flush(flushToDisk: false);
            }
            File.Move(temporary, full, overwrite: true);
        }
        catch (UnauthorizedAccessException e)
        {
            TryDelete(temporary);
            throw new InvalidInputException($"{path}: permission denied ({e.Message}).", e);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    /// <summary>Writes text (UTF-8, no BOM) atomically.</summary>
    public static void WriteText(string path, string text) =>
        Write(path, stream => stream.Write(new System.Text.UTF8Encoding(false).GetBytes(text)));

    /// <summary>The temporary name of <paramref name="fileName"/>: <c>.NAME.PID.GUID.partial</c>, hidden, naming the writing process.</summary>
    public static string TemporaryName(string fileName) => $".{fileName}.{Environment.ProcessId}.{Guid.NewGuid():N}.partial";

    /// <summary>
    /// Removes, under <paramref name="folder"/> and its subfolders, the temporary files (<see cref="TemporaryName"/>)
    /// whose writing process no longer runs: a killed run's leftovers. Files of a live process are kept (another run
    /// may be writing); returns how many were removed.
    /// </summary>
    public static int RemoveStaleTemporaries(string folder)
    {
        if (!Directory.Exists(folder)) return 0;
        int removed = 0;
        foreach (string file in Directory.EnumerateFiles(folder, ".*.partial", SearchOption.AllDirectories))
        {
            string[] parts = Path.GetFileName(file).Split('.');
            // ., NAME…, PID, GUID, partial: the PID is the third part from the end.
            if (parts.Length < 4 || !int.TryParse(parts[^3], out int pid)) continue;
            if (pid == Environment.ProcessId || IsRunning(pid)) continue;
            TryDelete(file);
            removed++;
        }
        return removed;
    }

    static bool IsRunning(int pid)
    {
        try { using var process = System.Diagnostics.Process.GetProcessById(pid); return !process.HasExited; }
        catch (ArgumentException) { return false; }
        catch (InvalidOperationException) { return false; }
    }

    static void TryDelete(string file)
    {
        try { File.Delete(file); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
