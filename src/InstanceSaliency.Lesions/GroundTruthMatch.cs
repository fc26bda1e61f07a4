namespace InstanceSaliency.Lesions;

/// <summary>The outcome of <see cref="GroundTruthMatching.Match"/>.</summary>
/// <param name="Lesions">The predicted instances, each TP or FP, in id order.</param>
/// <param name="Missed">The FN ground-truth components, ids continuing after the predicted ones.</param>
/// <param name="TruthComponentCount">Number of ground-truth components (detected or not).</param>
public sealed record GroundTruthMatch(IReadOnlyList<LesionInstance> Lesions, IReadOnlyList<LesionInstance> Missed, int TruthComponentCount)
{
    /// <summary>Lesion-wise true positives: predicted instances overlapping the ground truth.</summary>
    public int TruePositives => Lesions.Count(l => l.Type == LesionType.TruePositive);

    /// <summary>Lesion-wise false positives: predicted instances without ground-truth voxels.</summary>
    public int FalsePositives => Lesions.Count(l => l.Type == LesionType.FalsePositive);

    /// <summary>Lesion-wise false negatives: ground-truth components without predicted voxels.</summary>
    public int FalseNegatives => Missed.Count;
}
