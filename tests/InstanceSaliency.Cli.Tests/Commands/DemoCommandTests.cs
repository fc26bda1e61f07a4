using InstanceSaliency.TestSupport;

namespace InstanceSaliency.Cli.Tests.Commands;

public sealed class DemoCommandTests
{
    [Fact]
    public void Demo_summarises_the_embedded_sample_and_cites_it()
    {
        using var folder = new TemporaryDirectory();
        var result = CliRunner.Run("demo", "--out", folder.Path);

        Assert.Equal(0, result.ExitCode);
        string summary = File.ReadAllText(Path.Combine(folder.Path, "summary.txt"));
        Assert.Contains("Lesjak", summary);
        Assert.Contains("doi:10.1007/s12021-017-9348-7", summary);
        Assert.Contains("Lesion load: 8227 voxels", summary);
        Assert.Contains("Conv3d forward + input gradient ok", summary);
        Assert.Contains(Path.Combine(folder.Path, "summary.txt"), result.Out);
    }
}
