using InstanceSaliency.Imaging.Volumes;

namespace InstanceSaliency.Imaging.Synthesis;

/// <summary>
/// A normal-appearing white-matter (NAWM) mask estimated from intensities alone, for placing synthetic lesions.
/// On a skull-stripped, bias-corrected scan white matter is the brightest tissue on T1 (MPRAGE) and is not
/// hyperintense on FLAIR, so a voxel is NAWM when: both channels are non-zero (brain);
/// T1 ≥ the <see cref="T1Quantile"/> quantile of brain T1; FLAIR ≤ the <see cref="FlairQuantile"/> quantile of brain
/// FLAIR (excludes lesions and bright artefacts); it is not in the known lesion mask, if one is given; and every
/// voxel within <see cref="ErosionVoxels"/> steps along each axis passes the same test (a cheap erosion that keeps
/// lesions away from the cortex and the ventricles). A heuristic, not a tissue segmentation.
/// </summary>
public sealed record WhiteMatterEstimate
{
    /// <summary>Default lower T1 quantile: white matter is roughly the brightest 40% of brain voxels on MPRAGE.</summary>
    public const double DefaultT1Quantile = 0.6;

    /// <summary>Default upper FLAIR quantile.</summary>
    public const double DefaultFlairQuantile = 0.9;

    /// <summary>Default erosion (voxels along each axis).</summary>
    public const int DefaultErosionVoxels = 2;

    public double T1Quantile { get; init; } = DefaultT1Quantile;
    public double FlairQuantile { get; init; } = DefaultFlairQuantile;
    public int ErosionVoxels { get; init; } = DefaultErosionVoxels;

    /// <summary>The NAWM mask (1 = white matter) of a FLAIR/T1 pair on one grid; <paramref name="lesions"/> (optional) are excluded.</summary>
    public Volume<byte> Estimate(Volume<float> flair, Volume<float> t1, Volume<byte>? lesions = null)
    {
        ArgumentNullException.ThrowIfNull(flair);
        ArgumentNullException.ThrowIfNull(t1);
        flair.RequireSameGrid(t1, "FLAIR", "T1");
        if (lesions is not null) flair.RequireSameGrid(lesions, "FLAIR", "the lesion mask");
        var f = flair.Voxels;
        var t = t1.Voxels;
        var brainFlair = new List<float>();
        var brainT1 = new List<float>();
        for (int n = 0; n < f.Length; n++)
            if (f[n] != 0 && t[n] != 0) { brainFlair.Add(f[n]); brainT1.Add(t[n]); }
        var candidate = new byte[f.Length];
        if (brainFlair.Count == 0) return flair.WithVoxels(candidate);
        float t1Low = Quantile(brainT1, T1Quantile), flairHigh = Quantile(brainFlair, FlairQuantile);
        for (int n = 0; n < f.Length; n++)
            if (f[n] != 0 && t[n] >= t1Low && f[n] <= flairHigh && (lesions is null || lesions.Voxels[n] == 0))
                candidate[n] = 1;
        return flair.WithVoxels(Erode(candidate, flair, ErosionVoxels));
    }

    static byte[] Erode(byte[] mask, Volume<float> like, int steps)
    {
        var s = like.Shape;
        var output = new byte[mask.Length];
        for (int k = steps; k < s.K - steps; k++)
            for (int j = steps; j < s.J - steps; j++)
                for (int i = steps; i < s.I - steps; i++)
                {
                    long n = s.Index(i, j, k);
                    if (mask[n] == 0) continue;
                    bool keep = true;
                    for (int d = 1; d <= steps && keep; d++)
                        keep = mask[n + d] != 0 && mask[n - d] != 0
                            && mask[n + d * (long)s.I] != 0 && mask[n - d * (long)s.I] != 0
                            && mask[n + d * (long)s.I * s.J] != 0 && mask[n - d * (long)s.I * s.J] != 0;
                    if (keep) output[n] = 1;
                }
        return output;
    }

    static float Quantile(List<float> values, double q)
    {
        values.Sort();
        return values[(int)Math.Clamp(Math.Round(q * (values.Count - 1)), 0, values.Count - 1)];
    }
}
