using InstanceSaliency.Imaging.Synthesis;
using InstanceSaliency.Imaging.Volumes;

namespace InstanceSaliency.Models.Training;

/// <summary>
/// A training case with what sampling needs precomputed once: lesion and brain voxel indices (patch centres), a
/// subsample of every <see cref="StatisticsStride"/>-th brain voxel (to re-estimate the normalisation statistics of
/// an intensity-shifted scan cheaply), the channel maxima (gamma), the white-matter estimate (synthetic lesions) and,
/// for each blur σ of the augmentation, how a blur changes each channel's normalisation statistics (<see cref="BlurStatistics"/>).
/// </summary>
sealed class PreparedCase
{
    /// <summary>One brain voxel in this many enters the statistics subsample (about 50 000 voxels for a 1 mm brain).</summary>
    public const int StatisticsStride = 29;

    public PreparedCase(TrainingCase source, bool needsWhiteMatter, double[]? blurSigmasMm = null)
    {
        Source = source;
        var f = source.Flair.Voxels;
        var t = source.T1.Voxels;
        var m = source.Mask.Voxels;
        var lesions = new List<int>();
        var brain = new List<int>();
        var stats = new List<int>();
        for (int n = 0; n < f.Length; n++)
        {
            if (m[n] != 0) lesions.Add(n);
            if (f[n] == 0 && t[n] == 0) continue;
            if (f[n] != 0) brain.Add(n);
            if (brain.Count % StatisticsStride == 0) stats.Add(n);
        }
        LesionIndices = [.. lesions];
        BrainIndices = brain.Count > 0 ? [.. brain] : throw new Imaging.InvalidInputException($"{source.Name}: the FLAIR is empty (all zero).");
        StatisticsIndices = [.. stats];
        FlairMaximum = IntensityGamma.Maximum(f);
        T1Maximum = IntensityGamma.Maximum(t);
        WhiteMatter = needsWhiteMatter ? new WhiteMatterEstimate().Estimate(source.Flair, source.T1, source.Mask) : null;
        if (blurSigmasMm is { Length: > 0 })
        {
            var s = source.Flair.Shape;
            var size = source.Flair.Geometry.VoxelSizeMm;
            FlairBlur = BlurStatistics.Of(f, s.I, s.J, s.K, size, blurSigmasMm);
            T1Blur = BlurStatistics.Of(t, s.I, s.J, s.K, size, blurSigmasMm);
        }
    }

    public TrainingCase Source { get; }
    public int[] LesionIndices { get; }
    public int[] BrainIndices { get; }
    public int[] StatisticsIndices { get; }
    public double FlairMaximum { get; }
    public double T1Maximum { get; }
    public Volume<byte>? WhiteMatter { get; }
    public BlurStatistics? FlairBlur { get; }
    public BlurStatistics? T1Blur { get; }
}
