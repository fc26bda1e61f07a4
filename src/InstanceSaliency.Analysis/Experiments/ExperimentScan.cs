using InstanceSaliency.Imaging;
using InstanceSaliency.Imaging.Nifti;
using InstanceSaliency.Imaging.Volumes;
using InstanceSaliency.Lesions;
using InstanceSaliency.Models.Checkpoints;
using InstanceSaliency.Models.Runtime;
using InstanceSaliency.Models.Segmentation;

namespace InstanceSaliency.Analysis.Experiments;

/// <summary>
/// The scan an experiment runs on (method.md §8): FLAIR and T1 (same grid), the optional ground truth, the
/// segmentation (sliding window, as `ies segment` and `ies explain` make it) and its lesion instances (TP/FP,
/// FN with a ground truth; method.md §3), read and checked once.
/// </summary>
public sealed record ExperimentScan(Volume<float> Flair, Volume<float> T1, Volume<byte>? Truth, SegmentationResult Segmentation, LesionReport Lesions)
{
    /// <summary>The paths of one scan; they name the inputs in errors.</summary>
    public sealed record Paths(string FlairPath, string T1Path, string? TruthPath);

    /// <summary>Reads the scan, segments it with <paramref name="model"/> and finds the lesions.</summary>
    /// <exception cref="InvalidInputException">A file is unreadable, or the images lie on different grids.</exception>
    public static ExperimentScan Load(Paths paths, SegmentationModel model, ComputeContext context, double? threshold, int minimumLesionVoxels)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var flair = NiftiFile.ReadVolume(paths.FlairPath);
        var t1 = NiftiFile.ReadVolume(paths.T1Path);
        var truth = paths.TruthPath is null ? null : NiftiFile.ReadMask(paths.TruthPath);
        flair.RequireSameGrid(t1, paths.FlairPath, paths.T1Path);
        if (truth is not null) flair.RequireSameGrid(truth, paths.FlairPath, paths.TruthPath!);
        var segmentation = new Segmenter(model, context).Run(flair, t1, new SegmentationOptions { Threshold = threshold }, null, paths.FlairPath, paths.T1Path);
        var report = LesionAnalysis.Run(segmentation.Mask, truth,
            new LesionInstanceOptions { MinimumVoxels = minimumLesionVoxels }, paths.FlairPath + " (predicted mask)", paths.TruthPath ?? "");
        return new ExperimentScan(flair, t1, truth, segmentation, report);
    }

    /// <summary>
    /// The lesions to study: every predicted lesion and every missed (FN) one of at least the minimum size, as
    /// `ies explain` explains them; only <paramref name="ids"/> when given (each must exist); at most
    /// <paramref name="maximum"/> (the first in id order) when given.
    /// </summary>
    /// <exception cref="InvalidInputException">An id names no lesion, or no lesion is left to study.</exception>
    public IReadOnlyList<LesionInstance> Chosen(IReadOnlySet<int>? ids, int? maximum, string command)
    {
        var all = Lesions.Lesions.Concat(Lesions.Missed.Where(m => m.VoxelCount >= Lesions.Options.MinimumVoxels)).ToList();
        if (ids is not null)
        {
            var known = Lesions.Lesions.Concat(Lesions.Missed).ToDictionary(l => l.Id);
            foreach (int id in ids.Order())
                if (!known.ContainsKey(id))
                    throw new InvalidInputException(
                        $"--lesions: no lesion has id {id}; this scan has {Lesions.Lesions.Count} predicted lesion(s) (ids 1–{Lesions.Lesions.Count}) and {Lesions.Missed.Count} missed one(s).");
            all = ids.Order().Select(id => known[id]).ToList();
        }
        if (maximum is { } m) all = all.Take(m).ToList();
        if (all.Count == 0)
            throw new InvalidInputException(
                $"{command}: the scan has no lesion to study (no predicted lesion of ≥ {Lesions.Options.MinimumVoxels} voxels{(Truth is null ? "" : " and no missed one")}); lower --threshold or --min-size, or give --truth to include missed lesions.");
        return all;
    }
}
