namespace InstanceSaliency.Imaging.Synthesis;

/// <summary>
/// One synthetic lesion (method.md §8): an ellipsoid centred on voxel (<see cref="CentreI"/>, <see cref="CentreJ"/>,
/// <see cref="CentreK"/>) with semi-axes <see cref="RadiiMm"/> along the voxel axes i, j, k (millimetres), and a
/// Gaussian edge of width <see cref="EdgeSigmaMm"/>. Its weight at a voxel v is w(v) = 1 inside the ellipsoid and
/// w(v) = exp(−d² / (2 σ_edge²)) outside, where d ≈ (ρ − 1)·r̄ is the distance (mm) past the surface along the ray
/// from the centre (ρ = √Σ(Δ_a / r_a)², r̄ the mean radius). The scan changes as FLAIR' = FLAIR + c_F·σ_F·w and
/// T1' = T1 − c_T·σ_T·w, with σ the local white-matter standard deviation of each channel (raw intensity units)
/// and c the contrasts <see cref="FlairContrastSd"/>, <see cref="T1ContrastSd"/> in units of that deviation.
/// The lesion mask is w ≥ 0.5.
/// </summary>
public sealed record SyntheticLesion
{
    /// <summary>Default edge width (mm): a soft, partial-volume-like border.</summary>
    public const double DefaultEdgeSigmaMm = 1.0;

    /// <summary>Default FLAIR contrast: 3 white-matter standard deviations brighter.</summary>
    public const double DefaultFlairContrastSd = 3.0;

    /// <summary>Default T1 contrast: 2 white-matter standard deviations darker.</summary>
    public const double DefaultT1ContrastSd = 2.0;

    public required int CentreI { get; init; }
    public required int CentreJ { get; init; }
    public required int CentreK { get; init; }

    /// <summary>Semi-axes (mm) along i, j, k; each &gt; 0.</summary>
    public required (double I, double J, double K) RadiiMm
    {
        get;
        init => field = value.I > 0 && value.J > 0 && value.K > 0
            ? value
            : throw new ArgumentOutOfRangeException(nameof(RadiiMm), $"Every radius must be > 0 mm; got ({value.I}, {value.J}, {value.K}).");
    }

    /// <summary>σ of the Gaussian edge (mm); 0 gives a hard edge.</summary>
    public double EdgeSigmaMm
    {
        get;
        init => field = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(EdgeSigmaMm), $"The edge width must be ≥ 0 mm; got {value}.");
    } = DefaultEdgeSigmaMm;

    /// <summary>FLAIR increase at the core, in local white-matter standard deviations (≥ 0).</summary>
    public double FlairContrastSd
    {
        get;
        init => field = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(FlairContrastSd), $"The FLAIR contrast must be ≥ 0 SD; got {value}.");
    } = DefaultFlairContrastSd;

    /// <summary>T1 decrease at the core, in local white-matter standard deviations (≥ 0; lesions are T1-hypointense).</summary>
    public double T1ContrastSd
    {
        get;
        init => field = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(T1ContrastSd), $"The T1 contrast must be ≥ 0 SD; got {value}.");
    } = DefaultT1ContrastSd;
}
