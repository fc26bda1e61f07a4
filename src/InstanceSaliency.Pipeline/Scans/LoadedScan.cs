using InstanceSaliency.Imaging;
using InstanceSaliency.Imaging.BrainMasks;
using InstanceSaliency.Imaging.Geometry;
using InstanceSaliency.Imaging.Nifti;
using InstanceSaliency.Imaging.Resampling;
using InstanceSaliency.Imaging.Volumes;

namespace InstanceSaliency.Pipeline.Scans;

/// <summary>
/// One scan read and checked once, for every use case (segment, explain, the experiments): FLAIR (with its header,
/// whose geometry every output keeps), T1 and the optional ground truth, all on the FLAIR's grid. The T1 may come
/// on another grid (<see cref="T1OnFlairGrid"/>); with a brain mask, FLAIR and T1 are 0 outside the brain before
/// any normalisation (<see cref="BrainMask.Apply"/>; the mask may lie on another grid). Without one, a FLAIR that
/// looks skull-on (<see cref="SkullOnHeuristic"/>) gets a warning. The library returns warnings; callers print them.
/// </summary>
/// <param name="Paths">The files as the user named them.</param>
/// <param name="FlairImage">The FLAIR as read, with its header (every output on the FLAIR's grid keeps its geometry).</param>
/// <param name="Flair">The FLAIR, 0 outside the brain mask when one was given.</param>
/// <param name="T1">The T1 on the FLAIR's grid (reordered or resampled when it came on another), 0 outside the brain mask.</param>
/// <param name="Truth">The ground-truth lesion mask on the FLAIR's grid, when given.</param>
/// <param name="Warnings">Lines for the user (standard error, <c>warning:</c> prefix): resampling done, mask binarised, truth values binarised (<see cref="MaskReading"/>), skull-on.</param>
public sealed record LoadedScan(ScanPaths Paths, NiftiImage FlairImage, Volume<float> Flair, Volume<float> T1, Volume<byte>? Truth,
    IReadOnlyList<string> Warnings)
{
    /// <summary>The brain mask on the FLAIR's grid (0/1), when one was given.</summary>
    public Volume<byte>? BrainMask { get; init; }

    /// <summary>Reads the scan. Every check runs before the caller starts long work.</summary>
    /// <exception cref="InvalidInputException">A file is unreadable or 2D; the T1 or the brain mask does not overlap the
    /// FLAIR enough; the brain mask is empty; the truth is not on the FLAIR's grid.</exception>
    public static LoadedScan Load(ScanPaths paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var flairImage = NiftiFile.Read(paths.FlairPath);
        var flair = flairImage.ToFloatVolume();
        ThreeDimensionalGrid.Require(flair.Shape, paths.FlairPath);
        var warnings = new List<string>();
        var (t1, note) = T1OnFlairGrid.Map(flair, paths.FlairPath, NiftiFile.ReadVolume(paths.T1Path), paths.T1Path);
        if (note is not null) warnings.Add(note);
        var truthReading = paths.TruthPath is null ? null : NiftiFile.ReadMaskWithWarnings(paths.TruthPath);
        var truth = truthReading?.Mask;
        if (truthReading is not null) warnings.AddRange(truthReading.Warnings);
        if (truth is not null) flair.RequireSameGrid(truth, paths.FlairPath, paths.TruthPath!);
        Volume<byte>? brain = null;
        if (paths.BrainMaskPath is { } maskPath)
        {
            var masked = Imaging.BrainMasks.BrainMask.Apply(flair, paths.FlairPath, NiftiFile.ReadVolume(maskPath), maskPath);
            warnings.AddRange(masked.Warnings);
            if (masked.Resampled) warnings.Add($"{maskPath}: on another grid than the FLAIR; resampled onto the FLAIR's grid through the affines (trilinear, > 0.5 is brain).");
            brain = masked.Mask;
            flair = masked.Image;
            t1 = Imaging.BrainMasks.BrainMask.ZeroOutside(t1, brain);
        }
        else if (SkullOnHeuristic.HeadFill(flair) is var fill && fill > SkullOnHeuristic.SkullOnFillThreshold)
            warnings.Add($"{paths.FlairPath}: looks skull-on (the head fills {fill * 100:F0}% of the field of view; skull-stripped scans fill < {SkullOnHeuristic.SkullOnFillThreshold * 100:F0}%); " +
                $"the model expects skull-stripped input: pass --brain-mask FILE (e.g. from HD-BET or SynthStrip), or expect false positives outside the brain.");
        return new LoadedScan(paths, flairImage, flair, t1, truth, warnings) { BrainMask = brain };
    }
}
