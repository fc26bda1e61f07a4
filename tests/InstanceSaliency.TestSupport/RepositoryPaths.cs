namespace InstanceSaliency.TestSupport;

/// <summary>Locates the repository, its committed fixtures and the shared real data beside it.</summary>
public static class RepositoryPaths
{
    /// <summary>The repository root: the nearest ancestor of the test binary holding InstanceSaliency.slnx.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>tests/fixtures: committed expected values and the small inputs they were computed from.</summary>
    public static string Fixtures => Path.Combine(Root, "tests", "fixtures");

    /// <summary>The small reference U-Net of the tests (tests/fixtures/models/unet_small.pt, channels 4…64, with its sidecar).</summary>
    public static string SmallUNet => Path.Combine(Fixtures, "models", "unet_small.pt");

    /// <summary>../shared/data/lesjak2017 beside the repository (present on developer machines and in CI).</summary>
    public static string Lesjak2017 => Path.GetFullPath(Path.Combine(Root, "..", "shared", "data", "lesjak2017"));

    /// <summary>The three real cases.</summary>
    public static IReadOnlyList<string> RealCases { get; } = ["patient07", "patient19", "patient26"];

    /// <summary>A file of one real case, e.g. <c>RealCase("patient26", "mask.nii.gz")</c>; fails clearly when ../shared is missing.</summary>
    public static string RealCase(string patient, string file)
    {
        string path = Path.Combine(Lesjak2017, patient, file);
        if (!File.Exists(path))
            throw new FileNotFoundException($"Real test data missing: {path}. Tests expect ../shared beside the repository.", path);
        return path;
    }

    /// <summary>
    /// A file of one MS3SEG clinical scan in ../shared/data/ms3seg (native grids, thick slices, skull on; see its
    /// README), e.g. <c>Ms3seg("104252", "t1.nii.gz")</c>; fails clearly when ../shared is missing.
    /// </summary>
    public static string Ms3seg(string patient, string file)
    {
        string path = Path.GetFullPath(Path.Combine(Root, "..", "shared", "data", "ms3seg", patient, file));
        if (!File.Exists(path))
            throw new FileNotFoundException($"Real test data missing: {path}. Tests expect ../shared beside the repository.", path);
        return path;
    }

    static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "InstanceSaliency.slnx")))
                return dir.FullName;
        throw new InvalidOperationException($"No InstanceSaliency.slnx above {AppContext.BaseDirectory}.");
    }
}
