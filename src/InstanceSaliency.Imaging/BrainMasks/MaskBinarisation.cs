using InstanceSaliency.Imaging.Morphology;
using InstanceSaliency.Imaging.Volumes;

namespace InstanceSaliency.Imaging.BrainMasks;

/// <summary>
/// A brain mask read as values made binary: &gt; 0.5 is brain (<see cref="BinaryMask.DefaultThreshold"/>).
/// Values within <see cref="Tolerance"/> of 0 or 1 count as binary (MS3SEG's masks carry scl_slope
/// 1.00000006); anything else (probabilities, 0/255, NaN) is binarised too, and reported.
/// </summary>
public static class MaskBinarisation
{
    /// <summary>How far from 0 or 1 a stored value may be and still count as binary.</summary>
    public const double Tolerance = 1e-5;

    /// <summary>The 0/1 mask and, when some values were neither 0 nor 1, a warning naming <paramref name="name"/>, their count and range.</summary>
    public static (Volume<byte> Mask, string? Warning) Binarise(Volume<float> mask, string name)
    {
        ArgumentNullException.ThrowIfNull(mask);
        long other = 0;
        float low = float.PositiveInfinity, high = float.NegativeInfinity;
        foreach (float v in mask.Voxels)
        {
            if (Math.Abs(v) <= Tolerance || Math.Abs(v - 1) <= Tolerance) continue;
            other++;
            if (v < low) low = v;
            if (v > high) high = v;
        }
        string? warning = other == 0 ? null :
            $"{name}: {other} voxels of the brain mask are neither 0 nor 1 (range {low:G4} to {high:G4}); binarised at {BinaryMask.DefaultThreshold} (> {BinaryMask.DefaultThreshold} is brain).";
        return (BinaryMask.Threshold(mask), warning);
    }
}
