using InstanceSaliency.Imaging.Morphology;
using InstanceSaliency.Imaging.Volumes;

namespace InstanceSaliency.Lesions;

/// <summary>
/// TP / FP / FN assignment of method.md §3: a predicted instance is TP when at least one of its voxels is in the
/// ground truth G, otherwise FP; a component of G (found with the same connectivity, no minimum size) is FN when
/// none of its voxels is predicted.
/// </summary>
/// <remarks>
/// "Predicted" for FN means the predicted mask as given, before minimum-size filtering: a ground-truth lesion
/// touched only by a component too small to be reported is not missed by the segmentation, so it is neither FN
/// nor listed (and the small component, not being an instance, is neither TP nor FP). Minimum size therefore
/// changes the TP and FP counts only.
/// </remarks>
public static class GroundTruthMatching
{
    /// <summary>
    /// <paramref name="predicted"/> with their types set, and the FN components of <paramref name="truth"/> with
    /// ids continuing after the predicted ones (n+1, n+2, ... by first voxel in storage order).
    /// </summary>
    /// <param name="predicted">Instances of <paramref name="predictedMask"/> (after minimum-size filtering).</param>
    /// <param name="predictedMask">The whole predicted mask (voxels &gt; 0), before filtering.</param>
    /// <param name="truth">The ground-truth mask (voxels &gt; 0), on the same grid.</param>
    /// <param name="connectivity">Connectivity for the ground-truth components: the one of the predicted instances.</param>
    public static GroundTruthMatch Match(
        IReadOnlyList<LesionInstance> predicted, Volume<byte> predictedMask, Volume<byte> truth, Connectivity connectivity)
    {
        ArgumentNullException.ThrowIfNull(predicted);
        ArgumentNullException.ThrowIfNull(predictedMask);
        ArgumentNullException.ThrowIfNull(truth);
        predictedMask.RequireSameGrid(truth, "the predicted mask", "the ground truth");
        var truthVoxels = truth.Voxels;
        var typed = predicted
            .Select(lesion => lesion with { Type = Overlaps(lesion.VoxelIndices, truthVoxels) ? LesionType.TruePositive : LesionType.FalsePositive })
            .ToArray();

        var truthComponents = ConnectedComponents.Label(truth, connectivity);
        var predictedVoxels = predictedMask.Voxels;
        var missed = new List<LesionInstance>();
        var truthVoxelLists = truthComponents.VoxelIndices();
        foreach (var voxels in truthVoxelLists)
            if (!Overlaps(voxels, predictedVoxels))
                missed.Add(LesionInstance.FromVoxels(predicted.Count + missed.Count + 1, voxels, truth.Geometry, LesionType.FalseNegative));
        return new GroundTruthMatch(typed, missed, truthComponents.Count);
    }

    static bool Overlaps(IReadOnlyList<int> voxels, byte[] mask)
    {
        for (int n = 0; n < voxels.Count; n++)
            if (mask[voxels[n]] != 0) return true;
        return false;
    }
}
