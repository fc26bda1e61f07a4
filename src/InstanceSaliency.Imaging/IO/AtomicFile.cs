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
        string temporary = Path.Combine(folder ?? ".", $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.partial");
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

    static void TryDelete(string file)
    {
        try { File.Delete(file); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
