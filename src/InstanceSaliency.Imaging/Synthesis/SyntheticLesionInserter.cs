using InstanceSaliency.Imaging.Volumes;

namespace InstanceSaliency.Imaging.Synthesis;

/// <summary>
/// Inserts a <see cref="SyntheticLesion"/> into a real scan (method.md §8). The contrast unit σ of each channel is the
/// population standard deviation of that channel over the white-matter voxels within <see cref="LocalRadiusMm"/>
/// of the centre (a cube), or over the whole white-matter mask when fewer than <see cref="MinimumLocalVoxels"/>
/// lie there. Voxel sizes come from the affine, so radii and distances are in millimetres.
/// </summary>
public sealed record SyntheticLesionInserter
{
    /// <summary>Default half-width (mm) of the cube where the local white-matter deviation is measured.</summary>
    public const double DefaultLocalRadiusMm = 10;

    /// <summary>Default least number of white-matter voxels for a local estimate.</summary>
    public const int DefaultMinimumLocalVoxels = 20;

    public double LocalRadiusMm { get; init; } = DefaultLocalRadiusMm;
    public int MinimumLocalVoxels { get; init; } = DefaultMinimumLocalVoxels;

    /// <summary>
    /// The scan with <paramref name="lesion"/> added: FLAIR' = FLAIR + c_F·σ_F·w, T1' = T1 − c_T·σ_T·w (only on
    /// brain voxels, where the channel is non-zero, so the background stays background); mask = w ≥ 0.5.
    /// </summary>
    /// <exception cref="InvalidInputException">The grids differ, the centre lies outside, or the white-matter mask is empty.</exception>
    public SyntheticLesionResult Insert(Volume<float> flair, Volume<float> t1, Volume<byte> whiteMatter, SyntheticLesion lesion)
    {
        ArgumentNullException.ThrowIfNull(flair);
        ArgumentNullException.ThrowIfNull(t1);
        ArgumentNullException.ThrowIfNull(whiteMatter);
        ArgumentNullException.ThrowIfNull(lesion);
        flair.RequireSameGrid(t1, "FLAIR", "T1");
        flair.RequireSameGrid(whiteMatter, "FLAIR", "the white-matter mask");
        var s = flair.Shape;
        if (!s.Contains(lesion.CentreI, lesion.CentreJ, lesion.CentreK))
            throw new InvalidInputException(
                $"Synthetic lesion centre ({lesion.CentreI}, {lesion.CentreJ}, {lesion.CentreK}) lies outside the {s} grid.");
        var size = flair.Geometry.VoxelSizeMm;
        double sdFlair = WhiteMatterSd(flair, whiteMatter, lesion, size), sdT1 = WhiteMatterSd(t1, whiteMatter, lesion, size);
        var f = (float[])flair.Voxels.Clone();
        var t = (float[])t1.Voxels.Clone();
        var mask = new byte[f.Length];
        var r = lesion.RadiiMm;
        double meanRadius = (r.I + r.J + r.K) / 3, sigma = lesion.EdgeSigmaMm;
        double reach = Math.Max(r.I, Math.Max(r.J, r.K)) + 4 * sigma + 1;
        int hi = (int)Math.Ceiling(reach / size.I), hj = (int)Math.Ceiling(reach / size.J), hk = (int)Math.Ceiling(reach / size.K);
        for (int k = Math.Max(0, lesion.CentreK - hk); k <= Math.Min(s.K - 1, lesion.CentreK + hk); k++)
            for (int j = Math.Max(0, lesion.CentreJ - hj); j <= Math.Min(s.J - 1, lesion.CentreJ + hj); j++)
                for (int i = Math.Max(0, lesion.CentreI - hi); i <= Math.Min(s.I - 1, lesion.CentreI + hi); i++)
                {
                    double a = (i - lesion.CentreI) * size.I / r.I, b = (j - lesion.CentreJ) * size.J / r.J, c = (k - lesion.CentreK) * size.K / r.K;
                    double rho = Math.Sqrt(a * a + b * b + c * c);
                    double w = rho <= 1 ? 1 : sigma == 0 ? 0 : Math.Exp(-Math.Pow((rho - 1) * meanRadius, 2) / (2 * sigma * sigma));
                    if (w < 1e-4) continue;
                    long n = s.Index(i, j, k);
                    if (f[n] != 0) f[n] += (float)(lesion.FlairContrastSd * sdFlair * w);
                    if (t[n] != 0) t[n] -= (float)(lesion.T1ContrastSd * sdT1 * w);
                    if (w >= 0.5 && (flair.Voxels[n] != 0 || t1.Voxels[n] != 0)) mask[n] = 1;
                }
        return new SyntheticLesionResult(flair.WithVoxels(f), t1.WithVoxels(t), flair.WithVoxels(mask), sdFlair, sdT1);
    }

    double WhiteMatterSd(Volume<float> channel, Volume<byte> whiteMatter, SyntheticLesion lesion, (double I, double J, double K) size)
    {
        var s = channel.Shape;
        int hi = (int)Math.Ceiling(LocalRadiusMm / size.I), hj = (int)Math.Ceiling(LocalRadiusMm / size.J), hk = (int)Math.Ceiling(LocalRadiusMm / size.K);
        var (count, sd) = Deviation(channel, whiteMatter,
            Math.Max(0, lesion.CentreI - hi), Math.Min(s.I - 1, lesion.CentreI + hi),
            Math.Max(0, lesion.CentreJ - hj), Math.Min(s.J - 1, lesion.CentreJ + hj),
            Math.Max(0, lesion.CentreK - hk), Math.Min(s.K - 1, lesion.CentreK + hk));
        if (count >= MinimumLocalVoxels) return sd;
        (count, sd) = Deviation(channel, whiteMatter, 0, s.I - 1, 0, s.J - 1, 0, s.K - 1);
        if (count < 2)
            throw new InvalidInputException("The white-matter mask is empty: no voxel to measure the contrast unit of a synthetic lesion (check the mask or the estimate's quantiles).");
        return sd;
    }

    static (long Count, double Sd) Deviation(Volume<float> channel, Volume<byte> mask, int i0, int i1, int j0, int j1, int k0, int k1)
    {
        double sum = 0, squares = 0;
        long count = 0;
        for (int k = k0; k <= k1; k++)
            for (int j = j0; j <= j1; j++)
                for (int i = i0; i <= i1; i++)
                {
                    long n = channel.Shape.Index(i, j, k);
                    if (mask.Voxels[n] == 0) continue;
                    double v = channel.Voxels[n];
                    sum += v; squares += v * v; count++;
                }
        if (count == 0) return (0, 0);
        double mean = sum / count;
        return (count, Math.Sqrt(Math.Max(0, squares / count - mean * mean)));
    }
}
