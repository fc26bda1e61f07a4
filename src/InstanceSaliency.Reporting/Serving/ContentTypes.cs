namespace InstanceSaliency.Reporting.Serving;

/// <summary>
/// Content types of the files a report holds, by the real file's extension (the server sends them with
/// <c>X-Content-Type-Options: nosniff</c>, so browsers take them as given: WebAssembly must be application/wasm).
/// </summary>
public static class ContentTypes
{
    /// <summary>The MIME type for <paramref name="path"/>'s extension (application/octet-stream when unknown).</summary>
    public static string Of(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".html" => "text/html; charset=utf-8",
        ".js" or ".mjs" => "text/javascript; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".png" => "image/png",
        ".svg" => "image/svg+xml",
        ".json" => "application/json",
        ".tsv" => "text/tab-separated-values; charset=utf-8",
        ".wasm" => "application/wasm",
        ".md" or ".txt" or "" => "text/plain; charset=utf-8",
        ".gz" => "application/gzip",
        _ => "application/octet-stream",
    };
}
