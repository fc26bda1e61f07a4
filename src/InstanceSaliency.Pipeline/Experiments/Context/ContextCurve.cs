using InstanceSaliency.Lesions;

namespace InstanceSaliency.Pipeline.Experiments.Context;

/// <summary>
/// The context curve of one lesion Ω (method.md §8): for each radius r (mm) the mean lesion probability over Ω
/// when the input is zeroed outside {v : d(v, Ω) ≤ r}, and whether any voxel of Ω then has p &gt; τ.
/// </summary>
/// <param name="Lesion">The lesion (id, type, size).</param>
/// <param name="RadiiMm">r_0 = 0 &lt; r_1 &lt; …</param>
/// <param name="MeanProbability">Mean p over Ω at each radius.</param>
/// <param name="Detected">Any p &gt; τ in Ω at each radius.</param>
/// <param name="UnmaskedMeanProbability">Mean p over Ω on the unmasked input (r = ∞), same single forward pass: the plateau.</param>
/// <param name="UnmaskedDetected">Any p &gt; τ in Ω on the unmasked input.</param>
/// <param name="SegmentationMeanProbability">Mean p over Ω of the segmentation (sliding window), for comparison.</param>
public sealed record ContextCurve(
    LesionInstance Lesion, IReadOnlyList<double> RadiiMm, IReadOnlyList<double> MeanProbability, IReadOnlyList<bool> Detected,
    double UnmaskedMeanProbability, bool UnmaskedDetected, double SegmentationMeanProbability)
{
    /// <summary>The context radius at <paramref name="fraction"/> of the plateau (see <see cref="ContextRadius"/>).</summary>
    public double ContextRadiusMm(double fraction) => ContextRadius.Of(RadiiMm, MeanProbability, UnmaskedMeanProbability, fraction);

    /// <summary>The settling radius at <paramref name="fraction"/> (see <see cref="ContextRadius.Settling"/>).</summary>
    public double SettlingRadiusMm(double fraction) => ContextRadius.Settling(RadiiMm, MeanProbability, UnmaskedMeanProbability, fraction);

    /// <summary>The smallest radius at which Ω is detected (any p &gt; τ); NaN when it never is within R.</summary>
    public double DetectionRadiusMm()
    {
        for (int n = 0; n < RadiiMm.Count; n++) if (Detected[n]) return RadiiMm[n];
        return double.NaN;
    }
}
