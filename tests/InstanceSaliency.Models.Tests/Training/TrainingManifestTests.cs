using InstanceSaliency.Imaging;
using InstanceSaliency.Models.Training;
using InstanceSaliency.TestSupport;

namespace InstanceSaliency.Models.Tests.Training;

public sealed class TrainingManifestTests
{
    [Fact]
    public void Missing_columns_are_named()
    {
        using var folder = new TemporaryDirectory();
        File.WriteAllText(folder.File("m.tsv"), "flair\tt1\tmask\nа.nii\tb.nii\tc.nii\n");
        var e = Assert.Throws<InvalidInputException>(() => TrainingManifest.Read(folder.File("m.tsv")));
        Assert.Contains("split", e.Message);
        Assert.Contains("m.tsv", e.Message);
    }

    [Fact]
    public void Missing_files_are_named_with_line_and_column()
    {
        using var folder = new TemporaryDirectory();
        File.WriteAllText(folder.File("m.tsv"), "flair\tt1\tmask\tsplit\nf.nii.gz\tt.nii.gz\tm.nii.gz\ttrain\n");
        var e = Assert.Throws<InvalidInputException>(() => TrainingManifest.Read(folder.File("m.tsv")));
        Assert.Contains("line 2, column flair", e.Message);
    }

    [Fact]
    public void Relative_paths_resolve_against_the_manifest_and_splits_are_read()
    {
        using var folder = new TemporaryDirectory();
        Directory.CreateDirectory(folder.File("p1"));
        foreach (var f in new[] { "flair.nii.gz", "t1.nii.gz", "mask.nii.gz" }) File.WriteAllText(folder.File(Path.Combine("p1", f)), "");
        File.WriteAllText(folder.File("m.tsv"), "split\tflair\tt1\tmask\nval\tp1/flair.nii.gz\tp1/t1.nii.gz\tp1/mask.nii.gz\n");
        var entry = Assert.Single(TrainingManifest.Read(folder.File("m.tsv")));
        Assert.Equal("validation", entry.Split);
        Assert.Equal("p1", entry.Name);
        Assert.Equal(folder.File(Path.Combine("p1", "t1.nii.gz")), entry.T1Path);
    }

    [Fact]
    public void An_unknown_validation_case_is_an_error()
    {
        using var folder = new TemporaryDirectory();
        Directory.CreateDirectory(folder.File("p1"));
        foreach (var f in new[] { "flair.nii.gz", "t1.nii.gz", "mask.nii.gz" }) File.WriteAllText(folder.File(Path.Combine("p1", f)), "");
        var e = Assert.Throws<InvalidInputException>(() => TrainingManifest.FromFolder(folder.Path, ["p9"]));
        Assert.Contains("p9", e.Message);
    }
}
