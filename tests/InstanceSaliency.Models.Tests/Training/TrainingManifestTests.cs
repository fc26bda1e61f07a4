using InstanceSaliency.Imaging;
using InstanceSaliency.Models.Checkpoints;
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

    [Fact]
    public void The_site_column_is_read_and_absent_means_one_site()
    {
        using var folder = new TemporaryDirectory();
        Directory.CreateDirectory(folder.File("p1"));
        foreach (var f in new[] { "flair.nii.gz", "t1.nii.gz", "mask.nii.gz" }) File.WriteAllText(folder.File(Path.Combine("p1", f)), "");
        File.WriteAllText(folder.File("m.tsv"), "site\tsplit\tflair\tt1\tmask\nclinic\ttrain\tp1/flair.nii.gz\tp1/t1.nii.gz\tp1/mask.nii.gz\n");
        Assert.Equal("clinic", Assert.Single(TrainingManifest.Read(folder.File("m.tsv"))).Site);
        File.WriteAllText(folder.File("m.tsv"), "split\tflair\tt1\tmask\ntrain\tp1/flair.nii.gz\tp1/t1.nii.gz\tp1/mask.nii.gz\n");
        Assert.Equal("", Assert.Single(TrainingManifest.Read(folder.File("m.tsv"))).Site);
    }

    [Fact]
    public void A_thick_slice_training_scan_is_put_on_the_models_working_grid_and_a_validation_scan_stays_native()
    {
        // MS3SEG 104252 (0.9×0.9×6.5 mm, skull on, T1 stored flipped): training sees it as the segmenter's network would.
        string F(string file) => RepositoryPaths.Ms3seg("104252", file);
        var entry = new TrainingCaseEntry("104252", F("flair.nii.gz"), F("t1.nii.gz"), F("mask.nii.gz"), "train") { BrainMaskPath = F("brain_mask.nii.gz"), Site = "ms3seg" };
        var working = new ModelDescription { SpacingMm = [1, 1, 1], AxisConvention = "LAS" };
        var data = TrainingManifest.Load([entry, entry with { Split = "validation" }], working);
        var train = Assert.Single(data.Train);
        var validation = Assert.Single(data.Validation);
        Assert.Equal("ms3seg", train.Site);
        Assert.Equal((1.0, 1.0, 1.0), Rounded(train.Flair.Geometry.VoxelSizeMm));
        Assert.True(train.Flair.Geometry.SameGrid(train.T1.Geometry) && train.Flair.Geometry.SameGrid(train.Mask.Geometry));
        Assert.Equal(20, validation.Flair.Shape.K);
        // The lesion mask (trilinear then > 0.5) loses some volume between the native voxel centres (corners of the
        // 6.5 mm slabs: 0.84 of the native world volume here) but keeps the native centres, where metrics are decided:
        // read back at the native centres (nearest working voxel, up to 0.5 mm away) it is close to the native mask (Dice 0.94 here,
        // > 0.9 asserted). Outside the brain both images are 0.
        double native = validation.Mask.Voxels.Count(v => v != 0) * Volume(validation.Mask.Geometry.VoxelSizeMm);
        Assert.InRange(train.Mask.Voxels.Count(v => v != 0) / native, 0.75, 1.05);
        var back = Imaging.Resampling.Resample.Nearest(train.Mask, validation.Mask.Geometry, "back");
        int both = back.Voxels.Zip(validation.Mask.Voxels).Count(x => x.First != 0 && x.Second != 0);
        double dice = 2.0 * both / (back.Voxels.Count(v => v != 0) + validation.Mask.Voxels.Count(v => v != 0));
        Assert.True(dice > 0.9, $"Dice of the mask read back at the native centres: {dice:F3}");
        Assert.Equal(0, train.Flair.Voxels[0]);
        Assert.Equal(0, train.T1.Voxels[0]);
        // Without a working grid (a user's native-grid model) the training scan stays on its own grid.
        Assert.Equal(20, Assert.Single(TrainingManifest.Load([entry]).Train).Flair.Shape.K);
    }

    static (double, double, double) Rounded((double I, double J, double K) v) => (Math.Round(v.I, 6), Math.Round(v.J, 6), Math.Round(v.K, 6));

    static double Volume((double I, double J, double K) v) => v.I * v.J * v.K;
}
