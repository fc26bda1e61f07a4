using InstanceSaliency.Imaging.Nifti;
using InstanceSaliency.Imaging.Volumes;

namespace InstanceSaliency.TestSupport;

/// <summary>A fresh folder under the system temp directory, deleted on dispose.</summary>
public sealed class TemporaryDirectory : IDisposable
{
    public TemporaryDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "ies-test-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    /// <summary>A path inside the folder.</summary>
    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Writes <paramref name="volume"/> as NIfTI at <see cref="File"/>(<paramref name="name"/>); returns the path.</summary>
    public string Write<T>(string name, Volume<T> volume) where T : unmanaged
    {
        string path = File(name);
        NiftiFile.Write(volume, path);
        return path;
    }

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
