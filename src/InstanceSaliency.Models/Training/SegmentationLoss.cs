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
        var logP = nn.functional.log_softmax(logits, 1);
        var target = labels.to(ScalarType.Int64);
        var logPt = logP.gather(1, target.unsqueeze(1)).squeeze(1);
        var pt = logPt.exp();
        var focal = -(1 - pt).pow(FocalGamma).mul(logPt).mean();

        var p = logP[.., 1].exp();
        var g = target.to(p.dtype);
        double n = g.numel(), positives = g.sum().item<float>();
        double k = positives > 0 && positives < n ? (1 - ReferenceFraction) * positives / (ReferenceFraction * (n - positives)) : 1;
        var tp = (p * g).sum();
        var fp = (p * (1 - g)).sum();
        var fn = ((1 - p) * g).sum();
        var ndsc = (2 * tp + Epsilon) / (k * fp + 2 * tp + fn + Epsilon);
        return (1 - ndsc + focal).MoveToOuterDisposeScope();
    }
}
