using System.Net;
using InstanceSaliency.Imaging;

namespace InstanceSaliency.Reporting.Serving;

/// <summary>
/// Serves a report folder over HTTP on 127.0.0.1 only (never other interfaces): GET and HEAD of files under the
/// folder, index.html for "/", 404 for anything else, no directory listings, no path outside the folder.
/// </summary>
public sealed class StaticFileServer : IDisposable
{
    readonly HttpListener _listener = new();
    readonly string _root;
    readonly Task _loop;

    /// <summary>Starts serving <paramref name="folder"/> at http://127.0.0.1:<paramref name="port"/>/.</summary>
    public StaticFileServer(string folder, int port)
    {
        _root = Path.GetFullPath(folder);
        if (!Directory.Exists(_root)) throw new InvalidInputException($"{folder}: no such folder to serve.");
        if (port is < 1 or > 65535) throw new InvalidInputException($"--port must be 1–65535; got {port}.");
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
            string? file = Resolve(context.Request);
            if (file is null) { response.StatusCode = 404; return; }
            response.ContentType = ContentTypes.Of(file);
            response.ContentLength64 = new FileInfo(file).Length;
            response.Headers["Cache-Control"] = "no-cache";
            if (context.Request.HttpMethod == "HEAD") return;
            using var stream = File.OpenRead(file);
            stream.CopyTo(response.OutputStream);
        }
        catch (Exception e) when (e is IOException or HttpListenerException or UnauthorizedAccessException) { }
        finally
        {
            try { response.Close(); } catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException) { }
        }
    }

    string? Resolve(HttpListenerRequest request)
    {
        if (request.HttpMethod is not ("GET" or "HEAD") || request.Url is null) return null;
        string relative = Uri.UnescapeDataString(request.Url.AbsolutePath).TrimStart('/');
        if (relative.Length == 0) relative = "index.html";
        string full = Path.GetFullPath(Path.Combine(_root, relative));
        bool inside = full.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal);
        return inside && File.Exists(full) ? full : null;
    }

    /// <summary>Stops listening.</summary>
    public void Dispose()
    {
        _listener.Close();
        try { _loop.Wait(TimeSpan.FromSeconds(2)); } catch (AggregateException) { }
    }
}
