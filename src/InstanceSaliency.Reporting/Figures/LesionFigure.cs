using InstanceSaliency.Analysis.ExplainFolder;
using System.Globalization;
using System.Runtime.InteropServices;
using SkiaSharp;

namespace InstanceSaliency.Reporting.Figures;

/// <summary>
/// The per-lesion figure (method.md §9): axial, coronal and sagittal slices through the lesion centroid, one row
/// per image (FLAIR with the lesion outline; FLAIR and T1 with their SmoothGrad maps on a diverging colour map
/// symmetric around zero; Grad-CAM++), each row with its colour bar and limits, radiological convention, letters
/// at the panel edges and a 10 mm scale bar. Rendered on the CPU: the same inputs give the same PNG bytes.
/// </summary>
public static class LesionFigure
{
    const int Margin = 10, Gap = 6, TitleHeight = 30, RowTitleHeight = 20, BarWidth = 14, BarLabelWidth = 92;
    static readonly Rgba OutlineColour = new(0, 230, 64, 255);

    /// <summary>The figure of one lesion as PNG bytes.</summary>
    public static byte[] Render(LesionImages images, LesionFigureOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(images);
        options ??= new LesionFigureOptions();
        var lesion = images.Lesion;
        var box = LesionNeighbourhood.Around(lesion.CentroidMm, images.Flair.Affine, options.FieldOfViewMm);
        var rows = FigureRow.Of(images, box);
        var sampler = new PlaneSampler(lesion.CentroidMm, options.FieldOfViewMm, options.PanelPixels);
        int p = options.PanelPixels;
        int width = 2 * Margin + 3 * p + 2 * Gap + Gap + BarWidth + BarLabelWidth;
        int height = TitleHeight + rows.Count * (RowTitleHeight + p + Gap) + Margin;

        using var surface = SKSurface.Create(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        using var typeface = SKTypeface.FromFamilyName("DejaVu Sans") ?? SKTypeface.Default;
        using var text = new SKPaint { Typeface = typeface, TextSize = 13, IsAntialias = true, Color = SKColors.Black };
        using var bold = new SKPaint { Typeface = typeface, TextSize = 15, IsAntialias = true, Color = SKColors.Black, FakeBoldText = true };
        canvas.DrawText(Title(lesion), Margin, 20, bold);

        var masks = DisplayPlane.All.Select(plane => sampler.Sample(images.Mask, plane)).ToArray();
        var windows = new Dictionary<object, GreyWindow>(ReferenceEqualityComparer.Instance);
        int y = TitleHeight;
        foreach (var row in rows)
        {
            canvas.DrawText(row.Title, Margin, y + 15, text);
            y += RowTitleHeight;
            if (!windows.TryGetValue(row.Anatomy, out var window)) windows[row.Anatomy] = window = GreyWindow.Of(box.Values(row.Anatomy));
            for (int c = 0; c < 3; c++)
            {
                var plane = DisplayPlane.All[c];
                var panel = new PanelPixels(p).Anatomy(sampler.Sample(row.Anatomy, plane), window);
                if (row.Overlay is { } overlay) panel.Overlay(sampler.Sample(overlay, plane), row.Colours!);
                panel.Outline(masks[c], OutlineColour);
                int x = Margin + c * (p + Gap);
                using (var bitmap = ToBitmap(panel)) canvas.DrawBitmap(bitmap, x, y);
                EdgeLetters(canvas, plane, x, y, p, typeface);
                if (c == 0) ScaleBar(canvas, x, y, p, sampler.MmPerPixel, typeface);
            }
            ColourBar(canvas, row, Margin + 3 * p + 3 * Gap, y, p, text);
            y += p + Gap;
        }
        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    static string Title(LesionTableRow l) => string.Create(CultureInfo.InvariantCulture,
        $"Lesion {l.Id} ({l.TypeName}) · centroid ({l.CentroidMm.X:F1}, {l.CentroidMm.Y:F1}, {l.CentroidMm.Z:F1}) mm · axial, coronal, sagittal");

    static SKBitmap ToBitmap(PanelPixels panel)
    {
        var bitmap = new SKBitmap(new SKImageInfo(panel.Size, panel.Size, SKColorType.Rgba8888, SKAlphaType.Opaque));
        var bytes = new byte[panel.Pixels.Length * 4];
        for (int n = 0; n < panel.Pixels.Length; n++)
        {
            var c = panel.Pixels[n];
            bytes[4 * n] = c.R; bytes[4 * n + 1] = c.G; bytes[4 * n + 2] = c.B; bytes[4 * n + 3] = 255;
        }
        Marshal.Copy(bytes, 0, bitmap.GetPixels(), bytes.Length);
        return bitmap;
    }

    static void EdgeLetters(SKCanvas canvas, DisplayPlane plane, int x, int y, int size, SKTypeface typeface)
    {
        using var paint = new SKPaint { Typeface = typeface, TextSize = 14, IsAntialias = true, Color = SKColors.Yellow, FakeBoldText = true };
        void Letter(string s, float cx, float cy)
        {
            float w = paint.MeasureText(s);
            canvas.DrawText(s, cx - w / 2, cy + 5, paint);
        }
        Letter(plane.Edges.Left, x + 9, y + size / 2f);
        Letter(plane.Edges.Right, x + size - 9, y + size / 2f);
        Letter(plane.Edges.Top, x + size / 2f, y + 10);
        Letter(plane.Edges.Bottom, x + size / 2f, y + size - 9);
    }

    static void ScaleBar(SKCanvas canvas, int x, int y, int size, double mmPerPixel, SKTypeface typeface)
    {
        float length = (float)(10 / mmPerPixel), bx = x + 8, by = y + size - 8;
        using var line = new SKPaint { Color = SKColors.White, StrokeWidth = 3 };
        canvas.DrawLine(bx, by, bx + length, by, line);
        using var label = new SKPaint { Typeface = typeface, TextSize = 11, IsAntialias = true, Color = SKColors.White };
        canvas.DrawText("10 mm", bx, by - 5, label);
    }

    static void ColourBar(SKCanvas canvas, FigureRow row, int x, int y, int height, SKPaint text)
    {
        if (row.Colours is not { } map) return;
        for (int r = 0; r < height; r++)
        {
            var c = map.BarColour(1 - (r + 0.5) / height);
            using var paint = new SKPaint { Color = new SKColor(c.R, c.G, c.B) };
            canvas.DrawRect(x, y + r, BarWidth, 1, paint);
        }
        string Label(double v) => v.ToString("G3", CultureInfo.InvariantCulture);
        canvas.DrawText(Label(map.Limit), x + BarWidth + 4, y + 11, text);
        canvas.DrawText(Label(map.Lower), x + BarWidth + 4, y + height - 2, text);
        if (map.Signed) canvas.DrawText("0", x + BarWidth + 4, y + height / 2f + 5, text);
    }
}
