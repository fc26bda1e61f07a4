using System.Text.Json;
using InstanceSaliency.Imaging.Nifti;
using InstanceSaliency.Imaging.Volumes;
using InstanceSaliency.TestSupport;

namespace InstanceSaliency.Cli.Tests.Commands;

public sealed class ExplainCommandTests : IDisposable
{
    readonly TemporaryDirectory _folder = new();
    readonly string _flair, _t1, _truth, _model = RepositoryPaths.SmallUNet;

    public ExplainCommandTests()
    {
        (_flair, _t1, _truth) = TwoLesionScan.Write(_folder, secondBlock: false);
    }

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Run_json_records_version_model_hash_options_seed_and_timings()
    {
        string output = _folder.File("out");
        var result = CliRunner.Run("explain", "--flair", _flair, "--t1", _t1, "--truth", _truth, "--model", _model, "--out", output,
            "--methods", "smoothgrad,gradcampp", "--samples", "2", "--seed", "17", "--threshold", "0.99");

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("explain:", result.Error);
        using var run = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "run.json")));
        var root = run.RootElement;
        Assert.False(string.IsNullOrEmpty(root.GetProperty("version").GetString()));
        Assert.Equal(64, root.GetProperty("model").GetProperty("sha256").GetString()!.Length);
        Assert.Equal(17, root.GetProperty("seed").GetInt64());
        Assert.Equal(2, root.GetProperty("options").GetProperty("samples").GetInt32());
        Assert.Equal("fast", root.GetProperty("options").GetProperty("strategy").GetString());
        foreach (string step in new[] { "read", "segment", "lesions", "explain", "write" })
            Assert.True(root.GetProperty("timings_seconds").GetProperty(step).GetDouble() >= 0);
        Assert.Equal(1, root.GetProperty("lesions").GetProperty("explained").GetInt32());
        Assert.True(File.Exists(Path.Combine(output, "maps", "lesion-0001_smoothgrad_flair.nii.gz")));
    }

    [Theory]
    [InlineData("--methods", "smoothgrad,occlusion", "occlusion")]
    [InlineData("--lesions", "1,x", "--lesions")]
    [InlineData("--strategy", "quick", "--strategy must be fast or naive")]
    [InlineData("--cam-weights", "median", "--cam-weights must be local or global")]
    [InlineData("--samples", "0", "--samples must be between 1 and 10000")]
    [InlineData("--noise", "-0.1", "--noise must be")]
    public void Bad_options_are_one_error_line(string option, string value, string words) =>
        CliRunner.AssertBadInput(CliRunner.Run("explain", "--flair", _flair, "--t1", _t1, "--model", _model, "--out", _folder.File("o"), option, value), words);

}
