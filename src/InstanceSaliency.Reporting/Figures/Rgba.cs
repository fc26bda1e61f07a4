namespace InstanceSaliency.Reporting.Figures;

/// <summary>A colour with straight (not premultiplied) alpha, components 0–255.</summary>
public readonly record struct Rgba(byte R, byte G, byte B, byte A)
{
    /// <summary>Fully transparent.</summary>
    public static Rgba Transparent => default;

    /// <summary>The colour between <paramref name="a"/> (t = 0) and <paramref name="b"/> (t = 1), alpha from <paramref name="a"/>.</summary>
    public static Rgba Lerp(Rgba a, Rgba b, double t) => new(
        (byte)Math.Round(a.R + (b.R - a.R) * t), (byte)Math.Round(a.G + (b.G - a.G) * t), (byte)Math.Round(a.B + (b.B - a.B) * t), a.A);

    /// <summary>Piecewise-linear colour ramp through <paramref name="stops"/> (evenly spaced) at t ∈ [0, 1].</summary>
    public static Rgba Ramp(ReadOnlySpan<Rgba> stops, double t)
    {
        t = Math.Clamp(t, 0, 1) * (stops.Length - 1);
        int n = Math.Min((int)t, stops.Length - 2);
        return Lerp(stops[n], stops[n + 1], t - n);
    }

    /// <summary>This colour over <paramref name="below"/> (opaque result), alpha compositing.</summary>
    public Rgba Over(Rgba below)
    {
        double a = A / 255.0;
        return new((byte)Math.Round(R * a + below.R * (1 - a)), (byte)Math.Round(G * a + below.G * (1 - a)), (byte)Math.Round(B * a + below.B * (1 - a)), 255);
    }
}
