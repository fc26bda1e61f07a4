using InstanceSaliency.Models.Checkpoints;
using InstanceSaliency.TestSupport;

namespace InstanceSaliency.Cli.Tests.Commands;

public sealed class DemoCommandTests
{
    /// <summary>
    /// The demo's whole pipeline on the embedded sample with the embedded model, with one SmoothGrad sample and
    /// without the (slow) max aggregation so the test stays short; `./ies demo` itself runs every method.
    /// </summary>
    [Fact]
    public void Demo_segments_explains_analyses_and_reports_the_sample_with_its_citation()
    {
        Assert.True(File.Exists(EmbeddedModel.FilePath), $"the embedded model is missing at {EmbeddedModel.FilePath}");
        using var folder = new TemporaryDirectory();
        var result = CliRunner.Run("demo", "--out", folder.Path, "--samples", "1", "--methods", "smoothgrad,gradcampp");

        Assert.True(result.ExitCode == 0, result.Error);
        string summary = File.ReadAllText(Path.Combine(folder.Path, "summary.txt"));
        Assert.Contains("doi:10.1007/s12021-017-9348-7", summary);
        Assert.Contains("Lesion load: 8227 voxels", summary);
        Assert.Contains("Conv3d forward + input gradient ok", summary);
        Assert.Contains("estimated time", result.Error);
        string index = Path.Combine(folder.Path, "report", "index.html");
        Assert.Equal($"Report: {index}", result.Out.Trim());
        Assert.Contains("Lesjak", File.ReadAllText(index));
        var rows = File.ReadAllLines(Path.Combine(folder.Path, "run", "lesions.tsv"));
        Assert.True(rows.Length > 5, "the demo explained fewer than 5 lesions");
        Assert.Contains(rows.Skip(1), r => r.Split('\t')[1] == "TP");
        Assert.True(File.Exists(Path.Combine(folder.Path, "run", "run.json")));
    }
}
