using System.Globalization;
using InstanceSaliency.Imaging;

namespace InstanceSaliency.Pipeline.Experiments.Synthetic;

/// <summary>
/// The size of one synthetic lesion of the grid (method.md §8, "chosen radii per axis"): the semi-axes of the
/// ellipsoid (mm) along the voxel axes i, j, k. A sphere has three equal semi-axes; a bare number converts to one.
/// </summary>
public readonly record struct SynthRadii(double IMm, double JMm, double KMm)
{
    /// <summary>A sphere of radius <paramref name="radiusMm"/>.</summary>
    public static implicit operator SynthRadii(double radiusMm) => new(radiusMm, radiusMm, radiusMm);

    /// <summary>True when the three semi-axes are equal.</summary>
    public bool IsSphere => IMm == JMm && JMm == KMm;

    /// <summary>
    /// The radius of the sphere of the same volume, (r_i·r_j·r_k)^(1/3) mm: the sphere's radius for a sphere, so the
    /// `radius_mm` column keeps its meaning for spheres and orders ellipsoids by size.
    /// </summary>
    public double EquivalentRadiusMm => IsSphere ? IMm : Math.Cbrt(IMm * JMm * KMm);

    /// <summary>The largest semi-axis (mm): how far the lesion reaches from its centre.</summary>
    public double LargestMm => Math.Max(IMm, Math.Max(JMm, KMm));

    /// <summary>True when every semi-axis is finite and &gt; 0.</summary>
    public bool IsValid => Valid(IMm) && Valid(JMm) && Valid(KMm);

    /// <summary>As `--radii` takes it: "3" for a sphere, "3x3x5" for an ellipsoid (invariant culture).</summary>
    public override string ToString() => IsSphere
        ? IMm.ToString(CultureInfo.InvariantCulture)
        : string.Create(CultureInfo.InvariantCulture, $"{IMm}x{JMm}x{KMm}");

    /// <summary>
    /// One `--radii` value: a number (a sphere of that radius, mm) or AxBxC (semi-axes in mm along i, j, k).
    /// </summary>
    /// <exception cref="InvalidInputException">Not of that form, or a semi-axis that is not a finite number &gt; 0.</exception>
    public static SynthRadii Parse(string text, string option = "--radii")
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split('x', StringSplitOptions.TrimEntries);
        var values = new double[parts.Length];
        bool numbers = parts.Length is 1 or 3;
        for (int n = 0; numbers && n < parts.Length; n++)
            numbers = double.TryParse(parts[n], NumberStyles.Float, CultureInfo.InvariantCulture, out values[n]) && Valid(values[n]);
        if (!numbers)
            throw new InvalidInputException($"{option}: \"{text}\" is not a radius; give a number of mm > 0 (a sphere) or three semi-axes AxBxC in mm along i, j, k " +
                $"(an ellipsoid, e.g. 3x3x5).");
        return parts.Length == 1 ? values[0] : new SynthRadii(values[0], values[1], values[2]);
    }

    static bool Valid(double v) => double.IsFinite(v) && v > 0;
}
