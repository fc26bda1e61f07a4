using InstanceSaliency.Imaging.Geometry;
using InstanceSaliency.Imaging.Synthesis;
using InstanceSaliency.Imaging.Volumes;

namespace InstanceSaliency.Models.Training;

/// <summary>One augmented, normalised training patch: FLAIR, T1 and lesion label, P³ voxels each, i fastest.</summary>
sealed record TrainingPatch(float[] Flair, float[] T1, byte[] Label, int Size);

/// <summary>
/// Draws training patches (everything but flips and rotations, which act on tensors in <see cref="SpatialAugmentation"/>).
/// A case is chosen uniformly; with probability <see cref="TrainingOptions.PositiveFraction"/> the centre is a random
/// lesion voxel, else a random brain voxel (FLAIR ≠ 0); the P³ box is shifted by up to ±P/4 and kept inside the grid.
/// Then, in raw intensities: synthetic lesions (<see cref="SyntheticLesionInserter"/>), gamma and bias field per
/// channel (<see cref="ChannelShift"/>); normalisation with the shifted scan's statistics; then blur, per-channel
/// scale and shift, noise (brain voxels only; background stays 0 as at inference).
/// </summary>
sealed class PatchSampler(IReadOnlyList<PreparedCase> cases, TrainingOptions options)
{
    static readonly SyntheticLesionInserter Inserter = new();

    public TrainingPatch Sample(Random rng)
    {
        var a = options.Augmentation;
        int p = options.PatchSizeVoxels;
        var c = cases[rng.Next(cases.Count)];
        var s = c.Source.Flair.Shape;
        bool positive = c.LesionIndices.Length > 0 && rng.NextDouble() < options.PositiveFraction;
        int centre = positive ? c.LesionIndices[rng.Next(c.LesionIndices.Length)] : c.BrainIndices[rng.Next(c.BrainIndices.Length)];
        var (ci, cj, ck) = s.Coordinates(centre);
        int Origin(int centreIndex, int size) =>
            size <= p ? (size - p) / 2 : Math.Clamp(centreIndex - p / 2 + rng.Next(-p / 4, p / 4 + 1), 0, size - p);
        int i0 = Origin(ci, s.I), j0 = Origin(cj, s.J), k0 = Origin(ck, s.K);
        var shape = new GridShape(p, p, p);
        var flair = c.Source.Flair.Reframe(i0, j0, k0, shape);
        var t1 = c.Source.T1.Reframe(i0, j0, k0, shape);
        var label = c.Source.Mask.Reframe(i0, j0, k0, shape).Voxels;
        if (c.WhiteMatter is not null && rng.NextDouble() < a.SyntheticLesionProbability)
            (flair, t1) = InsertSyntheticLesions(rng, flair, t1, c.WhiteMatter.Reframe(i0, j0, k0, shape), label);

        var f = Normalise(flair.Voxels, DrawShift(rng, c.FlairMaximum, s), c.Source.Flair.Voxels, c, i0, j0, k0);
        var t = Normalise(t1.Voxels, DrawShift(rng, c.T1Maximum, s), c.Source.T1.Voxels, c, i0, j0, k0);
        var brainF = Brain(flair.Voxels);
        var brainT = Brain(t1.Voxels);
        if (rng.NextDouble() < a.BlurProbability)
        {
            double sigma = rng.Uniform(0.25, a.BlurSigmaMaxMm);
            var size = c.Source.Flair.Geometry.VoxelSizeMm;
            var sv = (sigma / size.I, sigma / size.J, sigma / size.K);
            f = GaussianBlur.Apply(f, p, p, p, sv);
            t = GaussianBlur.Apply(t, p, p, p, sv);
        }
        ScaleShiftNoise(rng, f, brainF, a);
        ScaleShiftNoise(rng, t, brainT, a);
        return new TrainingPatch(f, t, label, p);
    }

    (Volume<float>, Volume<float>) InsertSyntheticLesions(Random rng, Volume<float> flair, Volume<float> t1, Volume<byte> whiteMatter, byte[] label)
    {
        var a = options.Augmentation;
        var wm = whiteMatter.Voxels;
        int count = 1 + rng.Next(Math.Max(1, a.SyntheticLesionsMax));
        for (int l = 0; l < count; l++)
        {
            int at = -1;
            for (int attempt = 0; attempt < 64 && at < 0; attempt++)
            {
                int n = rng.Next(wm.Length);
                if (wm[n] != 0 && label[n] == 0) at = n;
            }
            if (at < 0) break;
            var (i, j, k) = flair.Shape.Coordinates(at);
            var lesion = new SyntheticLesion
            {
                CentreI = i, CentreJ = j, CentreK = k,
                RadiiMm = (rng.Uniform(a.SyntheticRadiusMm.Min, a.SyntheticRadiusMm.Max), rng.Uniform(a.SyntheticRadiusMm.Min, a.SyntheticRadiusMm.Max),
                    rng.Uniform(a.SyntheticRadiusMm.Min, a.SyntheticRadiusMm.Max)),
                EdgeSigmaMm = rng.Uniform(0.5, 1.5),
                FlairContrastSd = rng.Uniform(a.SyntheticFlairContrastSd.Min, a.SyntheticFlairContrastSd.Max),
                T1ContrastSd = rng.Uniform(a.SyntheticT1ContrastSd.Min, a.SyntheticT1ContrastSd.Max),
            };
            var result = Inserter.Insert(flair, t1, whiteMatter, lesion);
            (flair, t1) = (result.Flair, result.T1);
            for (int n = 0; n < label.Length; n++) label[n] |= result.Mask.Voxels[n];
        }
        return (flair, t1);
    }

    ChannelShift DrawShift(Random rng, double maximum, GridShape s)
    {
        var a = options.Augmentation;
        double gamma = rng.NextDouble() < a.GammaProbability ? Math.Exp(rng.Uniform(-Math.Log(a.GammaMax), Math.Log(a.GammaMax))) : 1;
        var field = rng.NextDouble() < a.BiasProbability ? BiasField.Random(rng, rng.Uniform(0, a.BiasAmplitudeMax), s.I, s.J, s.K) : null;
        return new ChannelShift(gamma, field, maximum);
    }

    static float[] Normalise(float[] patch, ChannelShift shift, float[] wholeChannel, PreparedCase c, int i0, int j0, int k0)
    {
        var (mean, sd) = shift.Statistics(wholeChannel, c.StatisticsIndices, c.Source.Flair.Shape);
        int p = (int)Math.Round(Math.Cbrt(patch.Length));
        var output = new float[patch.Length];
        for (int k = 0, n = 0; k < p; k++)
            for (int j = 0; j < p; j++)
                for (int i = 0; i < p; i++, n++)
                    if (patch[n] != 0) output[n] = (float)((shift.Apply(patch[n], i + i0, j + j0, k + k0) - mean) / sd);
        return output;
    }

    static bool[] Brain(float[] raw) => raw.Select(v => v != 0).ToArray();

    static void ScaleShiftNoise(Random rng, float[] x, bool[] brain, AugmentationOptions a)
    {
        double scale = 1 + rng.Uniform(-a.IntensityScaleMax, a.IntensityScaleMax);
        double shift = rng.Uniform(-a.IntensityShiftMax, a.IntensityShiftMax);
        double noise = rng.NextDouble() < a.NoiseProbability ? rng.Uniform(0, a.NoiseSdMax) : 0;
        for (int n = 0; n < x.Length; n++)
        {
            if (!brain[n]) { x[n] = 0; continue; }
            double v = scale * x[n] + shift;
            if (noise > 0) v += noise * rng.Normal();
            x[n] = (float)v;
        }
    }
}
