using System.Globalization;
using SkiaSharp;

namespace InstanceSaliency.Reporting.Charts;

/// <summary>
/// A small x–y chart drawn with SkiaSharp: axes with rounded ticks, lines, markers, box plots and a legend; saved
/// as PNG (raster, 2× pixel density) and SVG (vector) from the same drawing calls. Only what the cohort figures need.
/// </summary>
public sealed class Chart(string title, string xLabel, string yLabel)
{
    const float Width = 760, Height = 520, Left = 86, Right = 24, Top = 44, Bottom = 64;
    readonly List<Action<SKCanvas, Func<double, float>, Func<double, float>>> _layers = [];
    readonly List<(string Label, SKColor Colour, bool Dashed)> _legend = [];
    double _xMin = double.PositiveInfinity, _xMax = double.NegativeInfinity, _yMin = double.PositiveInfinity, _yMax = double.NegativeInfinity;
    (double Position, string Label)[]? _categories;

    /// <summary>Put the legend in the lower right corner (where ROC curves leave room) instead of the upper left.</summary>
    public bool LegendLowerRight { get; init; }

    public void Line(IReadOnlyList<double> xs, IReadOnlyList<double> ys, SKColor colour, string? label, bool dashed = false, bool markers = false)
    {
        var points = xs.Zip(ys).Where(p => double.IsFinite(p.First) && double.IsFinite(p.Second)).ToArray();
        foreach (var (x, y) in points) Include(x, y);
        if (label is not null) _legend.Add((label, colour, dashed));
        _layers.Add((c, mx, my) =>
        {
            using var paint = Stroke(colour, 2.2f, dashed);
            using var path = new SKPath();
            for (int i = 0; i < points.Length; i++)
                if (i == 0) path.MoveTo(mx(points[i].First), my(points[i].Second)); else path.LineTo(mx(points[i].First), my(points[i].Second));
            c.DrawPath(path, paint);
            if (markers) using (var fill = Fill(colour)) foreach (var (x, y) in points) c.DrawCircle(mx(x), my(y), 3.5f, fill);
        });
    }

    public void Markers(IReadOnlyList<double> xs, IReadOnlyList<double> ys, SKColor colour)
    {
        var points = xs.Zip(ys).Where(p => double.IsFinite(p.First) && double.IsFinite(p.Second)).ToArray();
        foreach (var (x, y) in points) Include(x, y);
        _layers.Add((c, mx, my) => { using var fill = Fill(colour.WithAlpha(110)); foreach (var (x, y) in points) c.DrawCircle(mx(x), my(y), 2.6f, fill); });
    }

    /// <summary>A box from q1 to q3 with the median line and whiskers, centred at <paramref name="x"/>, half-width in x units.</summary>
    public void Box(double x, double halfWidth, double low, double q1, double median, double q3, double high, SKColor colour)
    {
        Include(x - halfWidth, low);
        Include(x + halfWidth, high);
        _layers.Add((c, mx, my) =>
        {
            using var paint = Stroke(colour, 1.8f, false);
            c.DrawRect(SKRect.Create(mx(x - halfWidth), my(q3), mx(x + halfWidth) - mx(x - halfWidth), my(q1) - my(q3)), paint);
            c.DrawLine(mx(x - halfWidth), my(median), mx(x + halfWidth), my(median), paint);
            c.DrawLine(mx(x), my(q3), mx(x), my(high), paint);
            c.DrawLine(mx(x), my(q1), mx(x), my(low), paint);
        });
    }

    public void Include(double x, double y)
    {
        if (double.IsFinite(x)) { _xMin = Math.Min(_xMin, x); _xMax = Math.Max(_xMax, x); }
        if (double.IsFinite(y)) { _yMin = Math.Min(_yMin, y); _yMax = Math.Max(_yMax, y); }
    }

    /// <summary>Labels the x axis with categories instead of numbers.</summary>
    public void Categories(params (double Position, string Label)[] categories) => _categories = categories;

    /// <summary>Writes <paramref name="stem"/>.png and <paramref name="stem"/>.svg (each atomically).</summary>
    public void Save(string stem) => FigureFile.Save(stem, Width, Height, Draw);

    void Draw(SKCanvas canvas)
    {
        canvas.Clear(SKColors.White);
        var (x0, x1) = Padded(_xMin, _xMax);
        var (y0, y1) = Padded(_yMin, _yMax);
        float Mx(double x) => (float)(Left + (x - x0) / (x1 - x0) * (Width - Left - Right));
        float My(double y) => (float)(Height - Bottom - (y - y0) / (y1 - y0) * (Height - Top - Bottom));
        using var axis = Stroke(SKColors.Black, 1, false);
        using var grid = Stroke(new SKColor(225, 225, 225), 1, false);
        using var text = Text(12, SKTextAlign.Center);
        using var right = Text(12, SKTextAlign.Right);
        foreach (double t in Ticks(y0, y1))
        {
            canvas.DrawLine(Left, My(t), Width - Right, My(t), grid);
            canvas.DrawText(Format(t), Left - 6, My(t) + 4, right);
        }
        foreach (var (position, label) in _categories ?? Ticks(x0, x1).Select(t => (t, Format(t))).ToArray())
            canvas.DrawText(label, Mx(position), Height - Bottom + 18, text);
        canvas.DrawRect(SKRect.Create(Left, Top, Width - Left - Right, Height - Top - Bottom), axis);
        canvas.Save();
        canvas.ClipRect(SKRect.Create(Left, Top, Width - Left - Right, Height - Top - Bottom));
        foreach (var layer in _layers) layer(canvas, Mx, My);
        canvas.Restore();
        using var heading = Text(15, SKTextAlign.Center);
        canvas.DrawText(title, Width / 2, 26, heading);
        canvas.DrawText(xLabel, Left + (Width - Left - Right) / 2, Height - 20, text);
        DrawYLabel(canvas);
        if (_legend.Count == 0) return;
        using var legendText = Text(12, SKTextAlign.Left);
        float boxWidth = 48 + _legend.Max(l => legendText.MeasureText(l.Label)), boxHeight = 8 + 17 * _legend.Count;
        float x0Legend = LegendLowerRight ? Width - Right - boxWidth - 6 : Left + 6;
        float y0Legend = LegendLowerRight ? Height - Bottom - boxHeight - 6 : Top + 6;
        using (var background = Fill(SKColors.White.WithAlpha(225))) canvas.DrawRect(SKRect.Create(x0Legend, y0Legend, boxWidth, boxHeight), background);
        for (int i = 0; i < _legend.Count; i++)
        {
            float y = y0Legend + 18 + 17 * i;
            using var swatch = Stroke(_legend[i].Colour, 2.5f, _legend[i].Dashed);
            canvas.DrawLine(x0Legend + 6, y - 4, x0Legend + 30, y - 4, swatch);
            canvas.DrawText(_legend[i].Label, x0Legend + 36, y, legendText);
        }
    }

    /// <summary>The y-axis title, centred along the axis; a title longer than the axis breaks into two lines at ": " or " (".</summary>
    void DrawYLabel(SKCanvas canvas)
    {
        using var label = Text(11, SKTextAlign.Center);
        float middle = Top + (Height - Top - Bottom) / 2, room = Height - Top - Bottom;
        string[] lines = [yLabel];
        if (label.MeasureText(yLabel) > room)
        {
            int cut = yLabel.IndexOf(": ", StringComparison.Ordinal) is int c and > 0 ? c + 1 : yLabel.LastIndexOf(" (", StringComparison.Ordinal);
            if (cut > 0) lines = [yLabel[..cut].Trim(), yLabel[cut..].Trim()];
        }
        canvas.Save();
        canvas.RotateDegrees(-90, 16, middle);
        for (int n = 0; n < lines.Length; n++) canvas.DrawText(lines[n], 16, middle + 4 + 13 * n, label);
        canvas.Restore();
    }

    static (double, double) Padded(double min, double max)
    {
        if (!double.IsFinite(min) || !double.IsFinite(max)) return (0, 1);
        if (min == max) return (min - 0.5 - Math.Abs(min) * 0.1, max + 0.5 + Math.Abs(max) * 0.1);
        double pad = (max - min) * 0.05;
        return (min - pad, max + pad);
    }

    static IEnumerable<double> Ticks(double min, double max)
    {
        double raw = (max - min) / 6, magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        double step = new[] { 1.0, 2, 5, 10 }.Select(m => m * magnitude).First(s => s >= raw);
        for (double t = Math.Ceiling(min / step) * step; t <= max; t += step) yield return Math.Abs(t) < step * 1e-9 ? 0 : t;
    }

    static string Format(double v) => v.ToString("G4", CultureInfo.InvariantCulture);

    static SKPaint Stroke(SKColor colour, float width, bool dashed) => new()
    {
        Color = colour, StrokeWidth = width, IsStroke = true, IsAntialias = true,
        PathEffect = dashed ? SKPathEffect.CreateDash([6, 4], 0) : null,
    };

    static SKPaint Fill(SKColor colour) => new() { Color = colour, IsStroke = false, IsAntialias = true };

    static SKPaint Text(float size,
        SKTextAlign align) => new() { Color = SKColors.Black, TextSize = size, TextAlign = align, IsAntialias = true, Typeface = SKTypeface.FromFamilyName("DejaVu Sans") ?? SKTypeface.Default };
}
