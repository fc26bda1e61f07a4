using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace InstanceSaliency.Reporting.Serving;

/// <summary>
/// The operating-system calls the server's containment rule needs (Linux and other POSIX systems): the canonical
/// path of a file, with every symbolic link followed and "."/".." resolved on the real folders (realpath(3)), and a
/// read-only open that cannot block on a named pipe.
/// </summary>
static class RealFiles
{
    const int ReadOnly = 0;
    const int NonBlocking = 0x800;   // O_NONBLOCK: opening a FIFO with no writer returns at once instead of hanging
    const int CloseOnExec = 0x80000; // O_CLOEXEC

    /// <summary>The canonical absolute path of <paramref name="path"/>, or null when it (or a link on the way) does not exist or links loop.</summary>
    public static string? Canonical(string path)
    {
        IntPtr resolved = realpath(path, IntPtr.Zero);
        if (resolved == IntPtr.Zero) return null;
        try { return Marshal.PtrToStringUTF8(resolved); }
        finally { free(resolved); }
    }

    /// <summary>
    /// Opens <paramref name="canonicalPath"/> for reading when it is a regular file (seekable: not a FIFO, socket or
    /// folder); null otherwise. The stream's length is the file's own, read from the open handle.
    /// </summary>
    public static FileStream? OpenRegular(string canonicalPath)
    {
        if (Directory.Exists(canonicalPath)) return null;
        int fd = open(canonicalPath, ReadOnly | NonBlocking | CloseOnExec);
        if (fd < 0) return null;
        var handle = new SafeFileHandle(fd, ownsHandle: true);
        try
        {
            var stream = new FileStream(handle, FileAccess.Read, bufferSize: 1 << 16);
            if (stream.CanSeek) return stream;
            stream.Dispose();
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            handle.Dispose();
            return null;
        }
    }

    [DllImport("libc", SetLastError = true)]
    static extern IntPtr realpath([MarshalAs(UnmanagedType.LPUTF8Str)] string path, IntPtr resolved);

    [DllImport("libc")]
    static extern void free(IntPtr pointer);

    [DllImport("libc", SetLastError = true)]
    static extern int open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);
}
