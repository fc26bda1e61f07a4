namespace InstanceSaliency.Models.Training;

/// <summary>
/// Per-patch augmentation, on by default (issue 5: robustness to other sites). Raw-space changes (synthetic lesions,
/// gamma, bias field, Gaussian blur: the order of <see cref="SiteShift"/>) are applied before normalisation, with
/// the normalisation statistics re-estimated for the transformed whole scan, so the network sees what the segmenter
/// would feed it for such a scan. Normalised-space changes follow: per-channel scale and shift, noise; then a small
/// affine transform (<see cref="RandomAffine"/>) and flips and 90° rotations (image and label alike).
/// Probabilities are per patch; each channel draws its own gamma, field, scale and shift.
/// </summary>
public sealed record AugmentationOptions
{
    /// <summary>No augmentation at all (tests, ablations).</summary>
    public static AugmentationOptions None { get; } = new()
    {
        FlipProbability = 0, Rotate90Probability = 0, GammaProbability = 0, BiasProbability = 0, BlurProbability = 0,
        NoiseProbability = 0, IntensityScaleMax = 0, IntensityShiftMax = 0, SyntheticLesionProbability = 0, AffineProbability = 0,
    };

    /// <summary>
    /// Probability of a simulated thick-slice acquisition per patch (issue 15): slabs of
    /// <see cref="ThickSliceMm"/> along k (axial in the LAS/RAS working convention) averaged and interpolated back
    /// (<see cref="ThickSlices"/>), as a 2D FLAIR of 5–8 mm slices looks on a 1 mm grid. 0 = off (the first model's options).
    /// </summary>
    public double ThickSliceProbability { get; init; }

    /// <summary>Slab thickness range (mm) of the thick-slice augmentation, drawn uniformly.</summary>
    public (double Min, double Max) ThickSliceMm { get; init; } = (5.0, 8.0);

    /// <summary>Probability of mirroring each spatial axis.</summary>
    public double FlipProbability { get; init; } = 0.5;

    /// <summary>Probability of a 90°·k rotation (k = 1, 2, 3) in a random plane of the cubic patch.</summary>
    public double Rotate90Probability { get; init; } = 0.5;

    /// <summary>Probability of a gamma change per channel; γ is log-uniform on [1/<see cref="GammaMax"/>, <see cref="GammaMax"/>].</summary>
    public double GammaProbability { get; init; } = 0.5;

    /// <summary>Largest gamma (1.6 covers the evaluation's 0.7 and 1.4).</summary>
    public double GammaMax { get; init; } = 1.6;

    /// <summary>Probability of a random bias field per channel (<see cref="BiasField"/>), amplitude uniform on [0, <see cref="BiasAmplitudeMax"/>].</summary>
    public double BiasProbability { get; init; } = 0.5;

    /// <summary>Largest relative bias-field amplitude (0.25 = ±25%).</summary>
    public double BiasAmplitudeMax { get; init; } = 0.25;

    /// <summary>
    /// Probability of a Gaussian blur of both raw channels (before normalisation, as <see cref="SiteShift"/>), σ drawn
    /// uniformly from the multiples of <see cref="BlurSigmaStepMm"/> in [<see cref="BlurSigmaStepMm"/>, <see cref="BlurSigmaMaxMm"/>] mm.
    /// </summary>
    public double BlurProbability { get; init; } = 0.5;

    /// <summary>Largest blur σ (mm).</summary>
    public double BlurSigmaMaxMm { get; init; } = 1.5;

    /// <summary>
    /// Spacing (mm) of the blur σ values. σ is discrete because the normalisation statistics of each case's whole
    /// blurred scan are computed once per σ (<see cref="BlurStatistics"/>): a blurred scan's non-zero region grows
    /// and its mean and SD change (patient26, σ 1 mm: brain z-scores +0.45, SD ×1.5), which the segmenter's
    /// normalisation then carries into every voxel.
    /// </summary>
    public double BlurSigmaStepMm { get; init; } = 0.25;

    /// <summary>Probability of a small random affine transform of the patch (<see cref="RandomAffine"/>), image and label alike.</summary>
    public double AffineProbability { get; init; } = 0.3;

    /// <summary>Largest rotation about each axis (degrees), uniform on [−r, r].</summary>
    public double AffineRotationMaxDegrees { get; init; } = 15;

    /// <summary>Largest relative scaling per axis: factor uniform on [1 − s, 1 + s].</summary>
    public double AffineScaleMax { get; init; } = 0.1;

    /// <summary>Largest shear coefficient (three off-diagonal terms, each uniform on [−h, h]).</summary>
    public double AffineShearMax { get; init; } = 0.05;

    /// <summary>Per-channel scale a ~ U(1 − s, 1 + s) of normalised brain intensities (x' = a·x + b).</summary>
    public double IntensityScaleMax { get; init; } = 0.15;

    /// <summary>Per-channel shift b ~ U(−t, t) of normalised brain intensities (normalised units).</summary>
    public double IntensityShiftMax { get; init; } = 0.15;

    /// <summary>Probability of Gaussian noise on brain voxels, σ uniform on [0, <see cref="NoiseSdMax"/>] (normalised units).</summary>
    public double NoiseProbability { get; init; } = 0.3;

    /// <summary>Largest noise σ (normalised units).</summary>
    public double NoiseSdMax { get; init; } = 0.1;

    /// <summary>Probability that a patch receives synthetic lesions (method.md §8) in its white matter.</summary>
    public double SyntheticLesionProbability { get; init; } = 0.3;

    /// <summary>Most synthetic lesions per patch (1 … this many).</summary>
    public int SyntheticLesionsMax { get; init; } = 2;

    /// <summary>Semi-axis range (mm) of synthetic lesions, each axis drawn uniformly.</summary>
    public (double Min, double Max) SyntheticRadiusMm { get; init; } = (1.5, 5.0);

    /// <summary>FLAIR contrast range (white-matter SDs).</summary>
    public (double Min, double Max) SyntheticFlairContrastSd { get; init; } = (2.0, 6.0);

    /// <summary>T1 contrast range (white-matter SDs).</summary>
    public (double Min, double Max) SyntheticT1ContrastSd { get; init; } = (0.0, 3.0);
}
