using InstanceSaliency.Imaging.Volumes;
using InstanceSaliency.Models.Segmentation;

namespace InstanceSaliency.Models.Inference;

/// <summary>
/// Flip test-time augmentation (issue 5, <c>ies segment --tta</c>): the lesion probability averaged over the 8 mirror
/// images of the scan (every subset of the axes i, j, k flipped), each segmented by the same <see cref="Segmenter"/>
/// (normalisation, symmetric padding, Gaussian sliding window) and flipped back: p̄(v) = (1/8) Σ_f f⁻¹(p(f(x)))(v).
/// The mask is p̄ &gt; τ. Costs 8 segmentations; a model trained with flips sees no new kind of input.
/// </summary>
public static class FlipTestTimeAugmentation
{
    /// <summary>The 8 flip sets as (flip i, flip j, flip k), identity first.</summary>
    public static IReadOnlyList<(bool I, bool J, bool K)> AllFlips { get; } =
        [.. Enumerable.Range(0, 8).Select(m => ((m & 1) != 0, (m & 2) != 0, (m & 4) != 0))];

    /// <summary>
    /// The averaged probability p̄ on the input grid (float32, 0…1). <paramref name="identity"/>: the plain probability of
    /// this scan by this segmenter when the caller already has it; it stands for the identity flip's pass (same values,
    /// one segmentation fewer).
    /// </summary>
    public static Volume<float> Probability(Segmenter segmenter, Volume<float> flair, Volume<float> t1,
        IReadOnlyList<(bool I, bool J, bool K)>? flips = null, IProgress<SegmentationProgress>? progress = null,
        string flairName = "FLAIR", string t1Name = "T1", Volume<float>? identity = null)
    {
        ArgumentNullException.ThrowIfNull(segmenter);
        flips ??= AllFlips;
        if (flips.Count == 0) throw new ArgumentException("At least one flip set (e.g. the identity) is needed.", nameof(flips));
        var sum = new double[flair.Voxels.Length];
        foreach (var flip in flips)
        {
            // The inputs are checked (and named in errors) by the first pass; progress follows every flip.
            var p = identity is not null && flip == (false, false, false)
                ? identity
                : segmenter.Run(Flip(flair, flip), Flip(t1, flip), null, progress, flairName, t1Name).Probability;
            var back = Flip(p, flip).Voxels;
            for (int n = 0; n < sum.Length; n++) sum[n] += back[n];
        }
        var mean = new float[sum.Length];
        for (int n = 0; n < mean.Length; n++) mean[n] = (float)(sum[n] / flips.Count);
        return flair.WithVoxels(mean);
    }

    /// <summary>Segments with TTA: p̄ and the mask p̄ &gt; <paramref name="threshold"/> (τ; the model's is <c>Description.Threshold</c>).</summary>
    public static SegmentationResult Run(Segmenter segmenter, Volume<float> flair, Volume<float> t1, double threshold,
        IProgress<SegmentationProgress>? progress = null, string flairName = "FLAIR", string t1Name = "T1",
        IReadOnlyList<(bool I, bool J, bool K)>? flips = null)
    {
        var p = Probability(segmenter, flair, t1, flips, progress, flairName, t1Name);
        return new SegmentationResult(p, p.Map(v => v > threshold ? (byte)1 : (byte)0), threshold, 0);
    }

    /// <summary>The mirror image of a volume (same geometry object: the flip is undone before results are used).</summary>
    static Volume<float> Flip(Volume<float> v, (bool I, bool J, bool K) flip)
    {
        if (!flip.I && !flip.J && !flip.K) return v;
        var s = v.Shape;
        var output = new float[v.Voxels.Length];
        for (int k = 0; k < s.K; k++)
            for (int j = 0; j < s.J; j++)
                for (int i = 0; i < s.I; i++)
                    output[s.Index(flip.I ? s.I - 1 - i : i, flip.J ? s.J - 1 - j : j, flip.K ? s.K - 1 - k : k)] = v.Voxels[s.Index(i, j, k)];
        return v.WithVoxels(output);
    }
}
