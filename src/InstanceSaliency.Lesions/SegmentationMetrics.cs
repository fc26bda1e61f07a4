namespace InstanceSaliency.Lesions;

/// <summary>
/// The segmentation metrics of method.md §3 (the `metrics` object of `ies lesions --truth`): voxel Dice and nDSC,
/// and lesion-wise counts and rates. A rate whose denominator is 0 is undefined and null (JSON has no NaN),
/// as scikit-learn's <c>zero_division=np.nan</c>: e.g. TPR without any TP or FN lesion. A 0 would read as a
/// measured failure, a 1 as a measured success.
/// </summary>
/// <param name="Dice">Voxel Dice of the predicted mask as given (before minimum-size filtering); 1 when both masks are empty.</param>
/// <param name="Ndsc">Normalised Dice with r = 0.001 (<see cref="VoxelOverlap.NormalisedDice"/>).</param>
/// <param name="Tp">Predicted instances overlapping the ground truth.</param>
/// <param name="Fp">Predicted instances without ground-truth voxels.</param>
/// <param name="Fn">Ground-truth components without predicted voxels.</param>
/// <param name="Tpr">TP / (TP + FN).</param>
/// <param name="Ppv">TP / (TP + FP).</param>
/// <param name="Fdr">FP / (TP + FP) = 1 − PPV.</param>
/// <param name="F1">2TP / (2TP + FP + FN).</param>
public sealed record SegmentationMetrics(
    double Dice, double Ndsc, int Tp, int Fp, int Fn, double? Tpr, double? Ppv, double? Fdr, double? F1)
{
    /// <summary>Metrics from voxel counts and lesion-wise counts.</summary>
    public static SegmentationMetrics From(VoxelOverlap voxels, int tp, int fp, int fn)
    {
        if (tp < 0 || fp < 0 || fn < 0)
            throw new ArgumentOutOfRangeException(nameof(tp), $"Lesion counts must be ≥ 0; got TP {tp}, FP {fp}, FN {fn}.");
        return new SegmentationMetrics(
            voxels.Dice,
            voxels.NormalisedDice(),
            tp, fp, fn,
            Ratio(tp, tp + fn),
            Ratio(tp, tp + fp),
            Ratio(fp, tp + fp),
            Ratio(2 * tp, 2 * tp + fp + fn));
    }

    static double? Ratio(int numerator, int denominator) => denominator == 0 ? null : (double)numerator / denominator;
}
