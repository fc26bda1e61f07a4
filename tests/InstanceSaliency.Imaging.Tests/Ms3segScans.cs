using InstanceSaliency.TestSupport;

namespace InstanceSaliency.Imaging.Tests;

/// <summary>The ten MS3SEG clinical scans in ../shared/data/ms3seg (native grids, thick slices, skull on; see its README).</summary>
static class Ms3segScans
{
    /// <summary>All ten patients.</summary>
    public static IReadOnlyList<string> Patients { get; } =
        ["101228", "101627", "104252", "104899", "105074", "105755", "106639", "107130", "110218", "111008"];

    /// <summary>The three whose T1 is stored LPS with its voxel array flipped along j.</summary>
    public static IReadOnlyList<string> FlippedT1 { get; } = ["104252", "105074", "105755"];

    /// <summary>A file of one patient, e.g. <c>File("104252", "t1.nii.gz")</c>; fails clearly when ../shared is missing.</summary>
    public static string File(string patient, string file)
    {
        string path = Path.GetFullPath(Path.Combine(RepositoryPaths.Root, "..", "shared", "data", "ms3seg", patient, file));
        if (!System.IO.File.Exists(path))
            throw new FileNotFoundException($"Real test data missing: {path}. Tests expect ../shared beside the repository.", path);
        return path;
    }
}
