namespace InstanceSaliency.Reporting.Figures;

/// <summary>
/// Intensity window of an anatomical image: <see cref="Low"/> maps to black and <see cref="High"/> to white. Chosen
/// per lesion from the 1st and 99.5th percentiles of the non-zero voxels of its neighbourhood, so a bright lesion
/// does not wash out the surrounding white matter and skull-stripped zeros do not darken it.
/// </summary>
public readonly record struct GreyWindow(double Low, double High)
{
    /// <summary>The window of the non-zero finite values in <paramref name="values"/> ([0, 1] when there are none).</summary>
    public static GreyWindow Of(IEnumerable<float> values)
    {
        var sorted = values.Where(v => float.IsFinite(v) && v != 0).ToArray();
        if (sorted.Length == 0) return new GreyWindow(0, 1);
        Array.Sort(sorted);
        double low = sorted[(int)(0.01 * (sorted.Length - 1))], high = sorted[(int)(0.995 * (sorted.Length - 1))];
        return high > low ? new GreyWindow(low, high) : new GreyWindow(low, low + 1);
    }

    /// <summary>The opaque grey of <paramref name="value"/> (black for NaN, outside the image).</summary>
    public Rgba Colour(double value)
    {
        if (!double.IsFinite(value)) return new Rgba(0, 0, 0, 255);
        byte g = (byte)Math.Round(255 * Math.Clamp((value - Low) / (High - Low), 0, 1));
        return new Rgba(g, g, g, 255);
    }
}
