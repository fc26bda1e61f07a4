using InstanceSaliency.Imaging.Volumes;

namespace InstanceSaliency.Lesions;

/// <summary>
/// Voxel counts of a prediction P against a ground truth G on one grid: TP = |P ∩ G|, FP = |P \ G|,
/// FN = |G \ P|, and V the number of voxels of the grid; with the overlap scores of method.md §3.
/// </summary>
public readonly record struct VoxelOverlap(long TruePositives, long FalsePositives, long FalseNegatives, long TotalVoxels)
{
    /// <summary>The reference lesion load r of nDSC (method.md §3, Raina et al.).</summary>
    public const double NdscReferenceLoad = 0.001;

    /// <summary>Counts over two masks on the same grid (voxels &gt; 0 are foreground).</summary>
    public static VoxelOverlap Count(Volume<byte> predicted, Volume<byte> truth)
    {
        ArgumentNullException.ThrowIfNull(predicted);
        ArgumentNullException.ThrowIfNull(truth);
        predicted.RequireSameGrid(truth, "the predicted mask", "the ground truth");
        var p = predicted.Voxels;
        var g = truth.Voxels;
        long tp = 0, fp = 0, fn = 0;
        for (int n = 0; n < p.Length; n++)
        {
            bool inP = p[n] != 0, inG = g[n] != 0;
            if (inP && inG) tp++;
            else if (inP) fp++;
            else if (inG) fn++;
        }
        return new VoxelOverlap(tp, fp, fn, p.LongLength);
    }

    /// <summary>|G| = TP + FN.</summary>
    public long TruthVoxels => TruePositives + FalseNegatives;

    /// <summary>
    /// Dice = 2TP / (2TP + FP + FN). Two empty masks agree perfectly: 1 (the convention of the nDSC reference
    /// implementation, which returns 1 when both masks are empty).
    /// </summary>
    public double Dice
    {
        get
        {
            long denominator = 2 * TruePositives + FalsePositives + FalseNegatives;
            return denominator == 0 ? 1.0 : 2.0 * TruePositives / denominator;
        }
    }

    /// <summary>
    /// Normalised Dice (Raina et al. 2023, method.md §3): nDSC = 2TP / (k·FP + 2TP + FN) with
    /// k = (1 − r)·|G| / (r·(V − |G|)), which rescales FP to a lesion load of r; k = 1 when |G| = 0 (then nDSC is
    /// 0 with any FP). Two empty masks give 1, as Dice. When G fills the grid FP is 0 and the k·FP term is 0.
    /// </summary>
    public double NormalisedDice(double referenceLoad = NdscReferenceLoad)
    {
        if (!(referenceLoad > 0 && referenceLoad < 1))
            throw new ArgumentOutOfRangeException(nameof(referenceLoad), $"The nDSC reference load r must lie in (0, 1); got {referenceLoad}.");
        long truth = TruthVoxels;
        if (truth == 0 && FalsePositives == 0) return 1.0;
        double k = truth == 0 ? 1.0 : (1 - referenceLoad) * truth / (referenceLoad * (TotalVoxels - truth));
        double scaledFalsePositives = FalsePositives == 0 ? 0.0 : k * FalsePositives;
        return 2.0 * TruePositives / (scaledFalsePositives + 2.0 * TruePositives + FalseNegatives);
    }
}
