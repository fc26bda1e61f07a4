using InstanceSaliency.Imaging.Volumes;

namespace InstanceSaliency.Lesions;

/// <summary>The use case behind `ies lesions`: instances of a mask, and with a ground truth their types and the metrics.</summary>
public static class LesionAnalysis
{
    /// <summary>
    /// Splits <paramref name="mask"/> (voxels &gt; 0) into instances (<see cref="LesionExtraction"/>); with
    /// <paramref name="truth"/>, types them TP/FP, lists the FN components (<see cref="GroundTruthMatching"/>)
    /// and computes <see cref="SegmentationMetrics"/>: voxel scores on the mask as given, lesion-wise counts over
    /// every component of the mask and of the ground truth, whatever the minimum size (the project's one
    /// lesion-count convention, method.md §3: the minimum size only decides which instances are listed or
    /// explained, never what the metrics count).
    /// </summary>
    /// <param name="mask">The predicted binary mask.</param>
    /// <param name="truth">The ground-truth mask on the same grid, or null.</param>
    /// <param name="options">Connectivity and minimum size; null for the `ies lesions` defaults (18, 1 voxel).</param>
    /// <param name="maskName">How errors name the mask (e.g. its file).</param>
    /// <param name="truthName">How errors name the ground truth (e.g. its file).</param>
    /// <exception cref="GridMismatchException">The ground truth lies on another grid.</exception>
    public static LesionReport Run(
        Volume<byte> mask, Volume<byte>? truth, LesionInstanceOptions? options = null,
        string maskName = "the mask", string truthName = "the ground truth")
    {
        ArgumentNullException.ThrowIfNull(mask);
        options ??= new LesionInstanceOptions();
        if (truth is not null) mask.RequireSameGrid(truth, maskName, truthName);
        var predicted = LesionExtraction.Extract(mask, options);
        if (truth is null)
            return new LesionReport { Options = options, Lesions = predicted.Lesions, Labels = predicted.Labels };

        var match = GroundTruthMatching.Match(predicted.Lesions, mask, truth, options.Connectivity);
        var counted = options.MinimumVoxels <= 1 ? match
            : GroundTruthMatching.Match(LesionExtraction.Extract(mask, options with { MinimumVoxels = 1 }).Lesions, mask, truth, options.Connectivity);
        var metrics = SegmentationMetrics.From(
            VoxelOverlap.Count(mask, truth), counted.TruePositives, counted.FalsePositives, counted.FalseNegatives);
        return new LesionReport
        {
            Options = options,
            Lesions = match.Lesions,
            Missed = match.Missed,
            Metrics = metrics,
            Labels = predicted.Labels,
            MissedLabels = LabelMaps.Paint(mask.Geometry, match.Missed),
        };
    }
}
