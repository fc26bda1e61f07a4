using InstanceSaliency.Imaging;
using SkiaSharp;

namespace InstanceSaliency.Reporting.Charts;

/// <summary>
/// Writes one drawing as <c>stem.png</c> (raster, 2× pixel density) and <c>stem.svg</c> (vector), each atomically,
/// from the same drawing calls: the cohort charts and the experiments' heat maps share it.
/// </summary>
public static class FigureFile
{
    /// <summary>Draws <paramref name="draw"/> on a <paramref name="width"/> × <paramref name="height"/> canvas (points) into both files.</summary>
    public static void Save(string stem, float width, float height, Action<SKCanvas> draw)
    {
        AtomicFile.Write(stem + ".png", stream =>
        {
            using var surface = SKSurface.Create(new SKImageInfo((int)Math.Ceiling(width) * 2, (int)Math.Ceiling(height) * 2));
            surface.Canvas.Scale(2);
            draw(surface.Canvas);
            using var image = surface.Snapshot();
            using var data = image.Encode(SKEncodedImageFormat.Png, 100);
            data.SaveTo(stream);
        });
        AtomicFile.Write(stem + ".svg", stream =>
        {
            using var managed = new SKManagedWStream(stream);
            using (var canvas = SKSvgCanvas.Create(SKRect.Create(width, height), managed)) draw(canvas);
        });
    }
}
