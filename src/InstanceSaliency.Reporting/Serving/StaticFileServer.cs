using System.Net;
using InstanceSaliency.Imaging;

namespace InstanceSaliency.Reporting.Serving;

/// <summary>
/// Serves a report folder over HTTP on 127.0.0.1 only (never other interfaces). GET and HEAD only (others: 405 with
/// an Allow header); "/" is index.html. A request is answered with a file only when the file's real path — every
/// symbolic link followed, see <see cref="RealFiles.Canonical"/> — lies inside the folder's real path and is a
/// regular file: a link inside pointing inside is served (with the target's length), a link leaving the folder,
/// a folder, a pipe, a dot-file or dot-folder (also as a link's target) is 404; a path with a control character
/// (<c>%00</c>, line breaks) is 400. No directory listings.
/// </summary>
public sealed class StaticFileServer : IDisposable
{
    const string AllowedMethods = "GET, HEAD";

    readonly HttpListener _listener = new();
    readonly string _root;
    readonly Task _loop;

    /// <summary>Starts serving <paramref name="folder"/> at http://127.0.0.1:<paramref name="port"/>/.</summary>
    public StaticFileServer(string folder, int port)
    {
        if (!Directory.Exists(folder) || RealFiles.Canonical(Path.GetFullPath(folder)) is not { } root)
            throw new InvalidInputException($"{folder}: no such folder to serve.");
        if (port is < 1 or > 65535) throw new InvalidInputException($"--port must be 1–65535; got {port}.");
        _root = root;
        Url = $"http://127.0.0.1:{port}/";
        _listener.Prefixes.Add(Url);
        try { _listener.Start(); }
        catch (HttpListenerException e) { throw new InvalidInputException($"--port {port}: cannot listen on 127.0.0.1:{port} ({e.Message}); choose another port.", e); }
        _loop = Task.Run(Loop);
    }

    /// <summary>The address the report is served at.</summary>
    public string Url { get; }

    async Task Loop()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync().ConfigureAwait(false); }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException) { return; }
            _ = Task.Run(() => Respond(context));
        }
    }

    void Respond(HttpListenerContext context)
    {
        var response = context.Response;
        try
        {
            var (status, file, realPath) = Answer(context.Request);
            using (file)
            {
                response.StatusCode = status;
                if (status == 405) response.Headers["Allow"] = AllowedMethods;
                if (file is null) return;
                response.ContentType = ContentTypes.Of(realPath!);
                response.ContentLength64 = file.Length;
                response.Headers["Cache-Control"] = "no-cache";
                response.Headers["X-Content-Type-Options"] = "nosniff";
                if (context.Request.HttpMethod == "HEAD") return;
                file.CopyTo(response.OutputStream);
            }
        }
        catch (Exception e) when (e is IOException or HttpListenerException or UnauthorizedAccessException or ObjectDisposedException) { }
        finally
        {
            try { response.Close(); } catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException) { }
        }
    }

    /// <summary>
    /// The status of a request and, for 200, the file to send, opened, with its real path: its type and length are
    /// the real file's, not a link's.
    /// </summary>
    (int Status, FileStream? File, string? RealPath) Answer(HttpListenerRequest request)
    {
        if (request.HttpMethod is not ("GET" or "HEAD")) return (405, null, null);
        if (request.Url is null) return (400, null, null);
        if (RequestPath.Parse(request.Url.AbsolutePath, out int status) is not { } path) return (status, null, null);
        string? real = RealPathInside(path);
        return real is not null && RealFiles.OpenRegular(real) is { } file ? (200, file, real) : (404, null, null);
    }

    /// <summary>The real path of the file <paramref name="path"/> names when it lies inside the root's real path and holds no hidden name.</summary>
    string? RealPathInside(RequestPath path)
    {
        string? real = RealFiles.Canonical(Path.Join([_root, .. path.Names]));
        if (real is null || !real.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal)) return null;
        return real[(_root.Length + 1)..].Split(Path.DirectorySeparatorChar).Any(RequestPath.IsHidden) ? null : real;
    }

    /// <summary>Stops listening.</summary>
    public void Dispose()
    {
        _listener.Close();
        try { _loop.Wait(TimeSpan.FromSeconds(2)); } catch (AggregateException) { }
    }
}
