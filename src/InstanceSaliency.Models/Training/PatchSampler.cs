using InstanceSaliency.Imaging.Geometry;
using InstanceSaliency.Imaging.Synthesis;
using InstanceSaliency.Imaging.Volumes;

namespace InstanceSaliency.Models.Training;

/// <summary>One augmented, normalised training patch: FLAIR, T1 and lesion label, P³ voxels each, i fastest.</summary>
sealed record TrainingPatch(float[] Flair, float[] T1, byte[] Label, int Size);

/// <summary>
/// Draws training patches (everything but flips and rotations, which act on tensors in <see cref="SpatialAugmentation"/>).
/// A site is chosen uniformly, then one of its cases (<see cref="TrainingCase.Site"/>; one site: a case uniformly);
/// with probability <see cref="TrainingOptions.PositiveFraction"/> the centre is a random lesion voxel, else a random
/// brain voxel (FLAIR ≠ 0); the P³ box is shifted by up to ±P/4 and kept inside the grid.
/// The box is read with a margin of the largest blur kernel's reach, so that a blur sees the scan around the patch
/// (and the grid's zero padding at its edges), as a blur of the whole scan would. Then, in raw intensities, the
/// order of <see cref="SiteShift"/>: synthetic lesions (<see cref="SyntheticLesionInserter"/>), gamma and bias field
/// per channel (<see cref="ChannelShift"/>), Gaussian blur of both channels; a thick-slice acquisition (<see cref="ThickSlices"/>,
/// slabs along k averaged and interpolated back, its small change of the statistics ignored); normalisation with the
/// statistics the segmenter would compute on the shifted, blurred whole scan (<see cref="ChannelShift.Statistics"/>,
/// <see cref="BlurStatistics"/>), brain = the non-zero voxels of the blurred patch, as at inference; then
/// per-channel scale and shift, noise (brain voxels only; background stays 0); then the small affine
/// (<see cref="RandomAffine"/>) of images and label.
/// </summary>
sealed class PatchSampler(IReadOnlyList<PreparedCase> cases, TrainingOptions options)
{
    static readonly SyntheticLesionInserter Inserter = new();

    // The cases of each site (TrainingCase.Site), in first-appearance order: a site is drawn uniformly, then a case of it.
    readonly IReadOnlyList<PreparedCase>[] _sites = [.. cases.GroupBy(c => c.Source.Site).Select(g => (IReadOnlyList<PreparedCase>)[.. g])];

    internal PreparedCase DrawCase(Random rng)
    {
        // One site: a case uniformly, with the same draws as before sites existed (retrain.sh of the first model reproduces).
        if (_sites.Length == 1) return cases[rng.Next(cases.Count)];
        var site = _sites[rng.Next(_sites.Length)];
        return site[rng.Next(site.Count)];
    }

    public TrainingPatch Sample(Random rng)
    {
        var a = options.Augmentation;
        int p = options.PatchSizeVoxels;
        var c = DrawCase(rng);
        var s = c.Source.Flair.Shape;
        var voxelSize = c.Source.Flair.Geometry.VoxelSizeMm;
        bool positive = c.LesionIndices.Length > 0 && rng.NextDouble() < options.PositiveFraction;
        int centre = positive ? c.LesionIndices[rng.Next(c.LesionIndices.Length)] : c.BrainIndices[rng.Next(c.BrainIndices.Length)];
        var (ci, cj, ck) = s.Coordinates(centre);
        int Origin(int centreIndex, int size) =>
            size <= p ? (size - p) / 2 : Math.Clamp(centreIndex - p / 2 + rng.Next(-p / 4, p / 4 + 1), 0, size - p);
        int i0 = Origin(ci, s.I), j0 = Origin(cj, s.J), k0 = Origin(ck, s.K);
        int m = c.FlairBlur is null ? 0 : BlurReach(c.FlairBlur.SigmasMm[^1], voxelSize);
        int q = p + 2 * m;
        var box = new GridShape(q, q, q);
        var flair = c.Source.Flair.Reframe(i0 - m, j0 - m, k0 - m, box);
        var t1 = c.Source.T1.Reframe(i0 - m, j0 - m, k0 - m, box);
        var label = c.Source.Mask.Reframe(i0 - m, j0 - m, k0 - m, box).Voxels;
        if (c.WhiteMatter is not null && rng.NextDouble() < a.SyntheticLesionProbability)
            (flair, t1) = InsertSyntheticLesions(rng, flair, t1, c.WhiteMatter.Reframe(i0 - m, j0 - m, k0 - m, box), label);

        var shiftF = DrawShift(rng, c.FlairMaximum, s);
        var shiftT = DrawShift(rng, c.T1Maximum, s);
        var rawF = Shifted(flair.Voxels, shiftF, q, i0 - m, j0 - m, k0 - m);
        var rawT = Shifted(t1.Voxels, shiftT, q, i0 - m, j0 - m, k0 - m);
        var statsF = shiftF.Statistics(c.Source.Flair.Voxels, c.StatisticsIndices, s);
        var statsT = shiftT.Statistics(c.Source.T1.Voxels, c.StatisticsIndices, s);
        if (rng.NextDouble() < a.BlurProbability)
        {
            if (c.FlairBlur is null || c.T1Blur is null)
                throw new InvalidOperationException("Blur augmentation needs cases prepared with the blur σ values (PreparedCase blurSigmasMm).");
            int index = rng.Next(c.FlairBlur.SigmasMm.Count);
            double sigma = c.FlairBlur.SigmasMm[index];
            var sv = (sigma / voxelSize.I, sigma / voxelSize.J, sigma / voxelSize.K);
            rawF = GaussianBlur.Apply(rawF, q, q, q, sv);
            rawT = GaussianBlur.Apply(rawT, q, q, q, sv);
            statsF = c.FlairBlur.Correct(index, statsF.Mean, statsF.Sd);
            statsT = c.T1Blur.Correct(index, statsT.Mean, statsT.Sd);
        }
        if (a.ThickSliceProbability > 0 && rng.NextDouble() < a.ThickSliceProbability)
        {
            double thicknessMm = rng.Uniform(a.ThickSliceMm.Min, a.ThickSliceMm.Max);
            int slab = Math.Max(1, (int)Math.Round(thicknessMm / voxelSize.K));
            int phase = rng.Next(slab);
            rawF = ThickSlices.Apply(rawF, q, q, q, slab, phase);
            rawT = ThickSlices.Apply(rawT, q, q, q, slab, phase);
        }
        rawF = Crop(rawF, q, m, p);
        rawT = Crop(rawT, q, m, p);
        label = Crop(label, q, m, p);
        var f = Normalise(rawF, statsF);
        var t = Normalise(rawT, statsT);
        ScaleShiftNoise(rng, f, rawF, a);
        ScaleShiftNoise(rng, t, rawT, a);
        if (rng.NextDouble() < a.AffineProbability)
        {
            var (images, warped) = RandomAffine.Draw(rng, a).Apply([f, t], label, p, p, p, voxelSize);
            (f, t, label) = (images[0], images[1], warped);
        }
        return new TrainingPatch(f, t, label, p);
    }

    /// <summary>Voxels a blur of <paramref name="sigmaMm"/> reaches on the widest axis (<see cref="GaussianBlur"/>'s kernel radius ⌈3σ⌉).</summary>
    static int BlurReach(double sigmaMm, (double I, double J, double K) voxelSizeMm) =>
        Math.Max(1, (int)Math.Ceiling(3 * sigmaMm / Math.Min(voxelSizeMm.I, Math.Min(voxelSizeMm.J, voxelSizeMm.K))));

    static T[] Crop<T>(T[] box, int q, int m, int p)
    {
        if (m == 0) return box;
        var output = new T[p * p * p];
        for (int k = 0; k < p; k++)
            for (int j = 0; j < p; j++)
                Array.Copy(box, m + q * (j + m + q * (k + m)), output, p * (j + p * k), p);
        return output;
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

    static float[] Shifted(float[] box, ChannelShift shift, int q, int i0, int j0, int k0)
    {
        var output = new float[box.Length];
        for (int k = 0, n = 0; k < q; k++)
            for (int j = 0; j < q; j++)
                for (int i = 0; i < q; i++, n++)
                    if (box[n] != 0) output[n] = shift.Apply(box[n], i + i0, j + j0, k + k0);
        return output;
    }

    static float[] Normalise(float[] raw, (double Mean, double Sd) statistics)
    {
        var output = new float[raw.Length];
        for (int n = 0; n < raw.Length; n++)
            if (raw[n] != 0) output[n] = (float)((raw[n] - statistics.Mean) / statistics.Sd);
        return output;
    }

    static void ScaleShiftNoise(Random rng, float[] x, float[] raw, AugmentationOptions a)
    {
        double scale = 1 + rng.Uniform(-a.IntensityScaleMax, a.IntensityScaleMax);
        double shift = rng.Uniform(-a.IntensityShiftMax, a.IntensityShiftMax);
        double noise = rng.NextDouble() < a.NoiseProbability ? rng.Uniform(0, a.NoiseSdMax) : 0;
        for (int n = 0; n < x.Length; n++)
        {
            if (raw[n] == 0) { x[n] = 0; continue; }
            double v = scale * x[n] + shift;
            if (noise > 0) v += noise * rng.Normal();
            x[n] = (float)v;
        }
    }
}
