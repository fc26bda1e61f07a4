using TorchSharp;
using static TorchSharp.torch;

namespace InstanceSaliency.Models.Training;

/// <summary>
/// The paper's training loss on softmax probabilities: L = (1 − soft nDSC) + focal loss, over the whole batch.
/// With p = softmax(z)[lesion], g the binary label, N voxels and G = Σg:
/// soft TP = Σ p·g, FP = Σ p·(1 − g), FN = Σ (1 − p)·g; k = (1 − r)·G / (r·(N − G)) (k = 1 when G = 0; a constant,
/// not differentiated), nDSC = (2TP + ε) / (k·FP + 2TP + FN + ε) with ε = 1 (Raina et al., r = 0.001, method.md §3).
/// Focal loss (Lin et al.), γ = 2: mean over voxels of −(1 − p_t)^γ·log p_t, p_t the probability of the true class.
/// </summary>
public sealed record SegmentationLoss(double ReferenceFraction = 0.001, double FocalGamma = 2)
{
    const double Epsilon = 1;

    /// <summary>The scalar loss of logits [batch, class, D, H, W] against labels [batch, D, H, W] (integer classes 0/1).</summary>
    public Tensor Compute(Tensor logits, Tensor labels)
    {
        using var scope = NewDisposeScope();
        // Explicit Scalars, alive for the whole call: TorchSharp's implicit ones (from `1 - x`, `2 * x`, `a + b`) are
        // freed by the finaliser, possibly during the native call that reads them (see Runtime.StableScalars).
        var one = Runtime.StableScalars.One;
        using var two = 2.0.ToScalar();
        using var gamma = FocalGamma.ToScalar();
        using var epsilon = Epsilon.ToScalar();
        var logP = nn.functional.log_softmax(logits, 1);
        var target = labels.to(ScalarType.Int64);
        var logPt = logP.gather(1, target.unsqueeze(1)).squeeze(1);
        var pt = logPt.exp();
        var focal = pt.neg().add_(one, one).pow(gamma).mul(logPt).mean().neg();

        var p = logP[.., 1].exp();
        var g = target.to(p.dtype);
        double n = g.numel(), positives = g.sum().item<float>();
        double k = positives > 0 && positives < n ? (1 - ReferenceFraction) * positives / (ReferenceFraction * (n - positives)) : 1;
        using var kScalar = k.ToScalar();
        var notG = g.neg().add_(one, one);
        var notP = p.neg().add_(one, one);
        var tp = (p * g).sum();
        var fp = (p * notG).sum();
        var fn = (notP * g).sum();
        var twoTp = tp.mul(two);
        var ndsc = twoTp.add(epsilon, one).div(fp.mul(kScalar).add(twoTp, one).add(fn, one).add(epsilon, one));
        return ndsc.neg().add_(one, one).add_(focal, one).MoveToOuterDisposeScope();
    }
}
