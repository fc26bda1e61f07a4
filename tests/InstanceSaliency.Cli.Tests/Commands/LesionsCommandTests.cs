using System.Text.Json;
using InstanceSaliency.Imaging.Geometry;
using InstanceSaliency.Imaging.Nifti;
using InstanceSaliency.TestSupport;

namespace InstanceSaliency.Cli.Tests.Commands;

public sealed class LesionsCommandTests
{
    [Fact]
    public void Json_without_truth_lists_lesions_without_types()
    {
        var result = CliRunner.Run("lesions", RepositoryPaths.RealCase("patient07", "mask.nii.gz"), "--connectivity", "26", "--json");
        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Out);
        var root = json.RootElement;
        Assert.Equal(["count", "lesions"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(37, root.GetProperty("count").GetInt32()); // shared README: 37 lesions at 26-connectivity
        var first = root.GetProperty("lesions")[0];
        Assert.Equal(["id", "voxels", "volume_mm3", "centroid_vox", "centroid_mm"], first.EnumerateObject().Select(p => p.Name));
        Assert.Equal(1, first.GetProperty("id").GetInt32());
        Assert.Equal(1300, root.GetProperty("lesions").EnumerateArray().Sum(l => l.GetProperty("voxels").GetInt32()));
    }

    [Fact]
    public void Truth_adds_types_missed_and_metrics_and_writes_labels()
    {
        using var folder = new TemporaryDirectory();
        string mask = RepositoryPaths.RealCase("patient26", "mask.nii.gz");
        string labels = folder.File("labels.nii.gz");
        var result = CliRunner.Run("lesions", mask, "--truth", mask, "--min-size", "4", "--out", labels, "--json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Out);
        var root = json.RootElement;
        Assert.Equal(["count", "lesions", "missed", "metrics"], root.EnumerateObject().Select(p => p.Name));
        Assert.All(root.GetProperty("lesions").EnumerateArray(), l => Assert.Equal("TP", l.GetProperty("type").GetString()));
        Assert.Equal(0, root.GetProperty("missed").GetArrayLength());
        var metrics = root.GetProperty("metrics");
        Assert.Equal(["dice", "ndsc", "tp", "fp", "fn", "tpr", "ppv", "fdr", "f1"], metrics.EnumerateObject().Select(p => p.Name));
        Assert.Equal(1.0, metrics.GetProperty("dice").GetDouble());
        Assert.Equal(1.0, metrics.GetProperty("f1").GetDouble());

        var written = NiftiFile.Read(labels);
        var source = NiftiFile.Read(mask);
        Assert.Equal(NiftiDatatype.UInt8, written.Header.Datatype);
        Assert.Equal(source.Geometry.Affine, written.Geometry.Affine);
        Assert.Equal(source.Header.QformCode, written.Header.QformCode);
        var ids = ((byte[])written.Voxels).Where(v => v != 0).Distinct().Order().ToArray();
        Assert.Equal(Enumerable.Range(1, root.GetProperty("count").GetInt32()).Select(i => (byte)i), ids);
    }

    [Fact]
    public void Missed_lesions_continue_the_ids_and_are_written_on_request()
    {
        using var folder = new TemporaryDirectory();
        string truth = RepositoryPaths.RealCase("patient26", "mask.nii.gz");
        // A prediction holding only the first lesion of the truth: every other truth component is missed.
        var truthMask = NiftiFile.ReadMask(truth);
        var first = Array.IndexOf(truthMask.Voxels, (byte)1);
        var prediction = truthMask.WithVoxels(new byte[truthMask.Voxels.Length]);
        prediction.Voxels[first] = 1;
        string predictionPath = folder.File("prediction.nii.gz");
        NiftiFile.Write(prediction, predictionPath);

        var result = CliRunner.Run("lesions", predictionPath, "--truth", truth, "--out-missed", folder.File("missed.nii.gz"), "--json");
        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Out);
        var missed = json.RootElement.GetProperty("missed").EnumerateArray().ToList();
        Assert.Equal(18, missed.Count);
        Assert.Equal(Enumerable.Range(2, 18), missed.Select(m => m.GetProperty("id").GetInt32()));
        Assert.All(missed, m => Assert.Equal("FN", m.GetProperty("type").GetString()));
        Assert.Equal(18, ((byte[])NiftiFile.Read(folder.File("missed.nii.gz")).Voxels).Where(v => v != 0).Distinct().Count());
    }

    [Fact]
    public void Truth_on_another_grid_is_refused_naming_both_files()
    {
        using var folder = new TemporaryDirectory();
        string mask = RepositoryPaths.RealCase("patient26", "mask.nii.gz");
        var shifted = NiftiFile.ReadMask(mask).Reframe(1, 0, 0, new GridShape(182, 218, 182));
        string shiftedPath = folder.File("shifted.nii.gz");
        NiftiFile.Write(shifted, shiftedPath);
        CliRunner.AssertBadInput(CliRunner.Run("lesions", mask, "--truth", shiftedPath), mask, shiftedPath);
    }

    [Theory]
    [InlineData("--connectivity", "7", "--connectivity must be 6, 18 or 26")]
    [InlineData("--min-size", "0", "--min-size must be ≥ 1")]
    [InlineData("--connectivity", "abc", "--connectivity")]
    public void Bad_options_are_usage_errors(string option, string value, string message) =>
        CliRunner.AssertBadInput(CliRunner.Run("lesions", RepositoryPaths.RealCase("patient26", "mask.nii.gz"), option, value), message);
}
