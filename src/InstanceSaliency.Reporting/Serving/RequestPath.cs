namespace InstanceSaliency.Reporting.Serving;

/// <summary>
/// The path part of a request URL as the server accepts it: percent-decoded, split into folder and file names.
/// A control character anywhere (NUL from <c>%00</c>, line breaks, DEL, C1) makes it malformed (400): no file
/// name holds one, and a NUL would cut the name short in the operating system. A name starting with "." (".",
/// "..", dot-files, dot-folders) is never served (404), so neither traversal nor hidden files get through.
/// </summary>
sealed record RequestPath(IReadOnlyList<string> Names)
{
    /// <summary>What "/" serves.</summary>
    public const string IndexFile = "index.html";

    /// <summary>
    /// Decodes <paramref name="absolutePath"/> (the escaped path of the request URL, without query); returns null
    /// with <paramref name="status"/> 400 or 404 when it is refused.
    /// </summary>
    public static RequestPath? Parse(string absolutePath, out int status)
    {
        string decoded = Uri.UnescapeDataString(absolutePath);
        if (decoded.Any(char.IsControl)) { status = 400; return null; }
        var names = decoded.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (names.Any(IsHidden)) { status = 404; return null; }
        status = 200;
        return new RequestPath(names.Length == 0 ? [IndexFile] : names);
    }

    /// <summary>Whether a file or folder name is hidden from clients: it starts with ".".</summary>
    public static bool IsHidden(string name) => name.StartsWith('.');
}
