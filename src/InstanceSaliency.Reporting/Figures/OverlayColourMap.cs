namespace InstanceSaliency.Reporting.Figures;

/// <summary>
/// Colours a saliency value for display over anatomy. Signed maps (SmoothGrad) use a diverging blue–white–red ramp
/// symmetric around zero with limits ±<see cref="Limit"/>; non-negative maps (Grad-CAM++) a dark-red–yellow ramp on
/// [0, <see cref="Limit"/>]. Values within <see cref="TransparentFraction"/> of the limit are fully transparent, and
/// opacity rises linearly to <see cref="MaxOpacity"/> at <see cref="OpaqueFraction"/> of it, so the anatomy under
/// weak saliency stays visible.
/// </summary>
/// <param name="Signed">True for a diverging map symmetric around zero.</param>
/// <param name="Limit">The value shown at full colour (max |M| over the lesion's neighbourhood); positive.</param>
public sealed record OverlayColourMap(bool Signed, double Limit)
{
    /// <summary>|value| / limit below which nothing is drawn.</summary>
    public double TransparentFraction { get; init; } = 0.05;

    /// <summary>|value| / limit from which the overlay has its full opacity.</summary>
    public double OpaqueFraction { get; init; } = 0.3;

    /// <summary>Opacity of the strongest values.</summary>
    public double MaxOpacity { get; init; } = 0.9;

    // ColorBrewer RdBu reversed: negative blue, positive red (Harrower & Brewer 2003).
    static readonly Rgba[] Diverging = [new(33, 102, 172, 255), new(103, 169, 207, 255), new(247, 247, 247, 255), new(239, 138, 98, 255), new(178, 24, 43, 255)];
    static readonly Rgba[] Heat = [new(128, 0, 0, 255), new(230, 60, 0, 255), new(255, 170, 0, 255), new(255, 255, 140, 255)];

    /// <summary>The overlay colour of <paramref name="value"/> (transparent for NaN and near zero).</summary>
    public Rgba Colour(double value)
    {
        if (!double.IsFinite(value) || Limit <= 0) return Rgba.Transparent;
        double t = Math.Clamp(value / Limit, Signed ? -1 : 0, 1);
        double strength = Math.Clamp((Math.Abs(t) - TransparentFraction) / (OpaqueFraction - TransparentFraction), 0, 1);
        if (strength <= 0) return Rgba.Transparent;
        var colour = Signed ? Rgba.Ramp(Diverging, (t + 1) / 2) : Rgba.Ramp(Heat, t);
        return colour with { A = (byte)Math.Round(255 * MaxOpacity * strength) };
    }

    /// <summary>The colour bar's colour at position <paramref name="t"/> ∈ [0, 1] from the lower to the upper limit, opaque.</summary>
    public Rgba BarColour(double t) => Signed ? Rgba.Ramp(Diverging, t) : Rgba.Ramp(Heat, t);

    /// <summary>The lower limit shown on the colour bar: −Limit for signed maps, 0 otherwise.</summary>
    public double Lower => Signed ? -Limit : 0;
}
