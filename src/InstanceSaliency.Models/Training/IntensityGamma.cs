namespace InstanceSaliency.Models.Training;

/// <summary>
/// Gamma change of a raw intensity channel: x' = m·(x / m)^γ for x &gt; 0, with m the channel's maximum (so the
/// range is kept and only the contrast curve changes); x ≤ 0 (background, interpolation undershoot) is unchanged.
/// γ &lt; 1 brightens the mid-range (lower tissue contrast at the top), γ &gt; 1 darkens it.
/// </summary>
public static class IntensityGamma
{
    /// <summary>x' for one voxel.</summary>
    public static float Apply(float x, double gamma, double maximum) =>
        x > 0 && maximum > 0 ? (float)(maximum * Math.Pow(x / maximum, gamma)) : x;

    /// <summary>The channel maximum m (0 for an empty channel).</summary>
    public static double Maximum(ReadOnlySpan<float> voxels)
    {
        float max = 0;
        foreach (float v in voxels) if (v > max) max = v;
        return max;
    }
}
