using InstanceSaliency.Imaging.Volumes;
using TorchSharp;
using static TorchSharp.torch;

namespace InstanceSaliency.Models.Inference;

/// <summary>
/// The input x a network sees for one scan (method.md §1): FLAIR and T1 each normalised over its non-zero voxels,
/// laid out as [1, channel, i, j, k] (<see cref="NetworkLayout"/>) and zero-padded symmetrically to multiples of
/// the size multiple (<see cref="DivisiblePadding"/>). Segmentation and saliency both build x here, so the padding
/// position — which fixes every layer's stride phase — can never differ between them.
/// </summary>
/// <param name="Padded">x, contiguous, owned by the caller's dispose scope.</param>
/// <param name="Padding">The padding added before and after each axis.</param>
/// <param name="FlairRange">max − min of the normalised FLAIR channel (SmoothGrad's σ is a fraction of it).</param>
public sealed record PreparedInput(Tensor Padded, DivisiblePadding Padding, double FlairRange)
{
    /// <summary>Builds x from FLAIR and T1 on one grid (checked by the caller).</summary>
    public static PreparedInput From(Volume<float> flair, Volume<float> t1, int sizeMultiple, Device device)
    {
        var flairNormalised = IntensityNormalisation.NonzeroZScore(flair.Voxels).Normalised;
        var t1Normalised = IntensityNormalisation.NonzeroZScore(t1.Voxels).Normalised;
        float min = float.PositiveInfinity, max = float.NegativeInfinity;
        foreach (float v in flairNormalised) { if (v < min) min = v; if (v > max) max = v; }
        using var scope = NewDisposeScope();
        var input = NetworkLayout.ToInput([flairNormalised, t1Normalised], flair.Shape, device);
        var padding = DivisiblePadding.For(input.shape[2..], sizeMultiple);
        var padded = padding.Pad(input).contiguous().MoveToOuterDisposeScope();
        return new PreparedInput(padded, padding, max - min);
    }
}
