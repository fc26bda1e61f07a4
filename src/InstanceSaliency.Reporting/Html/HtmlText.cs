using System.Net;

namespace InstanceSaliency.Reporting.Html;

/// <summary>Escapes text from files (paths, table fields, names) for HTML text and attribute values.</summary>
public static class HtmlText
{
    /// <summary><paramref name="text"/> with &amp;, &lt;, &gt;, " and ' replaced by character references.</summary>
    public static string Escape(string? text) => WebUtility.HtmlEncode(text ?? "");
}
