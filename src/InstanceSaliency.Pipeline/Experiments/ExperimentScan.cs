using InstanceSaliency.Imaging;
using InstanceSaliency.Imaging.Morphology;
using InstanceSaliency.Imaging.Volumes;
using InstanceSaliency.Lesions;
using InstanceSaliency.Pipeline.Scans;
using InstanceSaliency.Models.Checkpoints;
using InstanceSaliency.Models.Runtime;
using InstanceSaliency.Models.Segmentation;

namespace InstanceSaliency.Pipeline.Experiments;

/// <summary>
/// The scan an experiment runs on (method.md §8): FLAIR and T1 (same grid), the optional ground truth, the
/// segmentation (sliding window, as `ies segment` and `ies explain` make it) and its lesion instances (TP/FP,
/// FN with a ground truth; method.md §3), read and checked once.
/// </summary>
public sealed record ExperimentScan(Volume<float> Flair, Volume<float> T1, Volume<byte>? Truth, SegmentationResult Segmentation, LesionReport Lesions)
{
    /// <summary>Lines for the user about the inputs (<see cref="LoadedScan.Warnings"/>), for the command line to show.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>
    /// Reads the scan, segments it with <paramref name="model"/> and finds the lesions: every component under
    /// <paramref name="connectivity"/> (null for 18, method.md §3); <paramref name="minimumLesionVoxels"/> only
    /// decides which are studied.
    /// </summary>
    /// <exception cref="InvalidInputException">A file is unreadable, or the images lie on different grids.</exception>
    public static ExperimentScan Load(ScanPaths paths, SegmentationModel model, ComputeContext context, double? threshold, int minimumLesionVoxels,
        Connectivity? connectivity = null)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var loaded = LoadedScan.Load(paths);
        var (flair, t1, truth) = (loaded.Flair, loaded.T1, loaded.Truth);
        if (Models.Inference.ModelWorkingGrid.For(model.Description, flair.Geometry, paths.FlairPath) is { } grid)
            throw new InvalidInputException(
                $"{paths.FlairPath}: a {flair.Shape} scan of {Spacing(flair)} mm, but the model works on a {grid.Working.Shape} grid of its spacing_mm; the experiments (context, synth, sanity) " +
                    $"run on the model's own grid only so far: resample the scan to the model's spacing first, or use `ies explain`.");
        var segmentation = new Segmenter(model, context).Run(flair, t1, new SegmentationOptions { Threshold = threshold }, null, paths.FlairPath, paths.T1Path);
        var report = LesionAnalysis.Run(segmentation.Mask, truth,
            new LesionInstanceOptions { Connectivity = connectivity ?? Connectivity.Default }, paths.FlairPath + " (predicted mask)", paths.TruthPath ?? "");
        return new ExperimentScan(flair, t1, truth, segmentation, report) { MinimumLesionVoxels = minimumLesionVoxels, Warnings = loaded.Warnings };
    }

    /// <summary>The smallest lesion studied, in voxels (<see cref="LesionSelection"/>); 1 studies every component.</summary>
    public int MinimumLesionVoxels
    {
        get;
        init => field = value >= 1 ? value : throw new InvalidInputException($"--min-size must be ≥ 1; got {value}.");
    } = 1;

    static string Spacing(Volume<float> v) => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"{v.Geometry.VoxelSizeMm.I:G3}×{v.Geometry.VoxelSizeMm.J:G3}×{v.Geometry.VoxelSizeMm.K:G3}");

    /// <summary>
    /// The lesions to study, chosen as `ies explain` chooses them (<see cref="LesionSelection"/>); refuses a scan left
    /// with none.
    /// </summary>
    /// <exception cref="InvalidInputException">An id names no lesion, or no lesion is left to study.</exception>
    public IReadOnlyList<LesionInstance> Chosen(IReadOnlySet<int>? ids, int? maximum, string command)
    {
        var all = LesionSelection.Choose(Lesions, ids, MinimumLesionVoxels, maximum);
        if (all.Count == 0)
            throw new InvalidInputException(
                $"{command}: the scan has no lesion to study (no predicted lesion of ≥ {MinimumLesionVoxels} voxels{(Truth is null ? "" : " and no missed one")}); " +
                $"lower --threshold or --min-size, " +
                    $"or give --truth to include missed lesions.");
        return all;
    }
}
