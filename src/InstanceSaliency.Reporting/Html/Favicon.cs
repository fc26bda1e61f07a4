namespace InstanceSaliency.Reporting.Html;

/// <summary>
/// The page's icon as an inline data: URL (a 16×16 PNG, a red square on blue): without an icon the browser asks
/// for /favicon.ico, and the failed request is a console error (platform-notes.md).
/// </summary>
public static class Favicon
{
    /// <summary>The icon, for &lt;link rel="icon" href="…"&gt;.</summary>
    public static string DataUrl { get; } = "data:image/png;base64," + Convert.ToBase64String(Png());

    static byte[] Png()
    {
        using var bitmap = new SkiaSharp.SKBitmap(16, 16);
        using (var canvas = new SkiaSharp.SKCanvas(bitmap))
        {
            canvas.Clear(new SkiaSharp.SKColor(33, 102, 172));
            using var paint = new SkiaSharp.SKPaint { Color = new SkiaSharp.SKColor(178, 24, 43) };
            canvas.DrawRect(4, 4, 8, 8, paint);
        }
        using var data = bitmap.Encode(SkiaSharp.SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }
}
