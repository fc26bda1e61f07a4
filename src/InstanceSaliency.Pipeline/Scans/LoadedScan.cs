using InstanceSaliency.Imaging.Nifti;
using InstanceSaliency.Imaging.Volumes;

namespace InstanceSaliency.Pipeline.Scans;

/// <summary>
/// One scan read and checked once, for every use case (explain, the experiments): FLAIR (with its header, whose
/// geometry every output keeps), T1 and the optional ground truth, on one grid.
/// </summary>
/// <param name="Paths">The files as the user named them.</param>
/// <param name="FlairImage">The FLAIR as read, with its header.</param>
/// <param name="Flair">The FLAIR's intensities.</param>
/// <param name="T1">The T1's intensities, on the FLAIR's grid.</param>
/// <param name="Truth">The ground-truth mask (1 lesion, 0 not), when given.</param>
/// <param name="Warnings">The ground truth's value warnings (<see cref="MaskReading"/>), for the caller to show.</param>
public sealed record LoadedScan(ScanPaths Paths, NiftiImage FlairImage, Volume<float> Flair, Volume<float> T1, Volume<byte>? Truth, IReadOnlyList<string> Warnings)
{
    /// <summary>Reads the scan.</summary>
    /// <exception cref="Imaging.InvalidInputException">A file is unreadable, or the images lie on different grids.</exception>
    public static LoadedScan Load(ScanPaths paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var flairImage = NiftiFile.Read(paths.FlairPath);
        var flair = flairImage.ToFloatVolume();
        var t1 = NiftiFile.ReadVolume(paths.T1Path);
        var truthReading = paths.TruthPath is null ? null : NiftiFile.ReadMaskWithWarnings(paths.TruthPath);
        var truth = truthReading?.Mask;
        flair.RequireSameGrid(t1, paths.FlairPath, paths.T1Path);
        if (truth is not null) flair.RequireSameGrid(truth, paths.FlairPath, paths.TruthPath!);
        return new LoadedScan(paths, flairImage, flair, t1, truth, truthReading?.Warnings ?? []);
    }
}
