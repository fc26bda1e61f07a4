using InstanceSaliency.Imaging.Nifti;
using InstanceSaliency.Imaging.Volumes;

namespace InstanceSaliency.Pipeline.Scans;

/// <summary>
/// One scan read and checked once, for every use case (explain, the experiments): FLAIR (with its header, whose
/// geometry every output keeps), T1 and the optional ground truth, on one grid.
/// </summary>
public sealed record LoadedScan(ScanPaths Paths, NiftiImage FlairImage, Volume<float> Flair, Volume<float> T1, Volume<byte>? Truth)
{
    /// <summary>Reads the scan.</summary>
    /// <exception cref="Imaging.InvalidInputException">A file is unreadable, or the images lie on different grids.</exception>
    public static LoadedScan Load(ScanPaths paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var flairImage = NiftiFile.Read(paths.FlairPath);
        var flair = flairImage.ToFloatVolume();
        var t1 = NiftiFile.ReadVolume(paths.T1Path);
        var truth = paths.TruthPath is null ? null : NiftiFile.ReadMask(paths.TruthPath);
        flair.RequireSameGrid(t1, paths.FlairPath, paths.T1Path);
        if (truth is not null) flair.RequireSameGrid(truth, paths.FlairPath, paths.TruthPath!);
        return new LoadedScan(paths, flairImage, flair, t1, truth);
    }
}
