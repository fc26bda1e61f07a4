using System.Globalization;
using SkiaSharp;

namespace InstanceSaliency.Reporting.Charts;

/// <summary>
/// A heat map of one per-cell quantity in [0, 1] over the synthetic-lesion grid: one panel per size, FLAIR
/// contrast on the vertical axis (increasing upwards), T1 contrast on the horizontal, each cell coloured from
/// white (0) to dark blue (1) and labelled with its value ("–" when undefined). Saved as PNG (2× pixel density)
/// and SVG from the same drawing calls, as the cohort charts are.
/// </summary>
public static class SynthHeatMap
{
    /// <summary>
    /// One cell of the grid: its size (panel; as `--radii` writes it, mm: "3" a sphere's radius, "3x3x5" an ellipsoid's
    /// semi-axes), FLAIR contrast (row), T1 contrast (column) and value in [0, 1] (NaN: undefined).
    /// </summary>
    public readonly record struct Cell(string Radii, double FlairContrastSd, double T1ContrastSd, double Value);

    const float CellSize = 46, PanelGap = 36, Left = 70, Top = 58, Bottom = 56, Right = 20, MinimumPanelWidth = 190, MinimumWidth = 620;

    public static void Save(string stem, string title, IReadOnlyList<Cell> cells,
        IReadOnlyList<string> radii, IReadOnlyList<double> flairContrasts, IReadOnlyList<double> t1Contrasts)
    {
        var flair = flairContrasts.Order().ToArray();
        var t1 = t1Contrasts.Order().ToArray();
        // Panels are at least wide enough for their axis title; the figure for its title.
        float gridWidth = CellSize * t1.Length, panelWidth = Math.Max(gridWidth, MinimumPanelWidth), height = Top + CellSize * flair.Length + Bottom;
        float width = Math.Max(Left + radii.Count * panelWidth + (radii.Count - 1) * PanelGap + Right, MinimumWidth);
        void Draw(SKCanvas canvas)
        {
            canvas.Clear(SKColors.White);
            using var text = Paint(11, SKTextAlign.Center);
            using var right = Paint(11, SKTextAlign.Right);
            using var heading = Paint(14, SKTextAlign.Center);
            using var border = new SKPaint { Color = new SKColor(200, 200, 200), IsStroke = true, StrokeWidth = 1 };
            canvas.DrawText(title, width / 2, 22, heading);
            for (int r = 0; r < radii.Count; r++)
            {
                float panel = Left + r * (panelWidth + PanelGap), x0 = panel + (panelWidth - gridWidth) / 2;
                canvas.DrawText(string.Create(CultureInfo.InvariantCulture, $"radius {radii[r]} mm"), x0 + gridWidth / 2, Top - 10, text);
                for (int row = 0; row < flair.Length; row++)
                    for (int col = 0; col < t1.Length; col++)
                    {
                        var found = cells.Where(c => c.Radii == radii[r] && c.FlairContrastSd == flair[row] && c.T1ContrastSd == t1[col]).Take(1).ToArray();
                        double v = found.Length == 0 ? double.NaN : found[0].Value;
                        float x = x0 + col * CellSize, y = Top + (flair.Length - 1 - row) * CellSize;
                        using var fill = new SKPaint { Color = Colour(v), IsStroke = false };
                        canvas.DrawRect(SKRect.Create(x, y, CellSize, CellSize), fill);
                        canvas.DrawRect(SKRect.Create(x, y, CellSize, CellSize), border);
                        using var label = Paint(11, SKTextAlign.Center, double.IsFinite(v) && v > 0.55 ? SKColors.White : SKColors.Black);
                        canvas.DrawText(double.IsFinite(v) ? v.ToString("0.00", CultureInfo.InvariantCulture) : "–", x + CellSize / 2, y + CellSize / 2 + 4, label);
                    }
                for (int col = 0; col < t1.Length; col++)
                    canvas.DrawText(t1[col].ToString("0.##", CultureInfo.InvariantCulture), x0 + col * CellSize + CellSize / 2, Top + flair.Length * CellSize + 15, text);
                canvas.DrawText("T1 contrast (WM SD darker)", x0 + gridWidth / 2, Top + flair.Length * CellSize + 34, text);
            }
            for (int row = 0; row < flair.Length; row++)
                canvas.DrawText(flair[row].ToString("0.##", CultureInfo.InvariantCulture), Left + (panelWidth - gridWidth) / 2 - 6, Top + (flair.Length - 1 - row) * CellSize + CellSize / 2 + 4,
                    right);
            canvas.Save();
            canvas.RotateDegrees(-90, 18, Top + flair.Length * CellSize / 2);
            canvas.DrawText("FLAIR contrast (WM SD brighter)", 18, Top + flair.Length * CellSize / 2 + 4, text);
            canvas.Restore();
        }
        FigureFile.Save(stem, width, height, Draw);
    }

    /// <summary>White (0) to dark blue (1), linear in RGB; light grey for undefined.</summary>
    static SKColor Colour(double v)
    {
        if (!double.IsFinite(v)) return new SKColor(235, 235, 235);
        double t = Math.Clamp(v, 0, 1);
        return new SKColor((byte)(255 + t * (8 - 255)), (byte)(255 + t * (48 - 255)), (byte)(255 + t * (107 - 255)));
    }

    static SKPaint Paint(float size, SKTextAlign align, SKColor? colour = null) => new()
    {
        Color = colour ?? SKColors.Black, TextSize = size, TextAlign = align, IsAntialias = true,
        Typeface = SKTypeface.FromFamilyName("DejaVu Sans") ?? SKTypeface.Default,
    };
}
