using System.Diagnostics;

namespace InstanceSaliency.TestSupport;

/// <summary>
/// A folder nobody can write into, also as root: <c>chattr +i</c> (immutable) when running as root, who ignores
/// permission bits, else mode 0555. Restored on dispose so the temporary folder can be deleted.
/// </summary>
public sealed class ReadOnlyFolder : IDisposable
{
    readonly bool _root = Environment.UserName == "root";

    public ReadOnlyFolder(string path)
    {
        Path = path;
        Directory.CreateDirectory(path);
        if (_root) Run("chattr", "+i", path);
        else Run("chmod", "555", path);
    }

    public string Path { get; }

    public void Dispose()
    {
        if (_root) Run("chattr", "-i", Path);
        else Run("chmod", "755", Path);
    }

    static void Run(string program, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(program, args) { RedirectStandardError = true })!;
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{program} {string.Join(' ', args)}: {process.StandardError.ReadToEnd()}");
    }
}
