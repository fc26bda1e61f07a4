using System.Text.Json;

namespace InstanceSaliency.Cli.Tests.Reliability;

/// <summary>
/// Issue 19, items 4 and 5: a rerun into an earlier run's folder leaves none of that run's files; a killed run's
/// temporary files are removed; options are refused before any computation and before any progress line.
/// </summary>
public sealed class ExplainRerunTests(ReliabilityFiles files) : IClassFixture<ReliabilityFiles>
{
    string[] Explain(string output, params string[] more) =>
        ["explain", "--flair", files.Flair, "--t1", files.T1, "--model", ReliabilityFiles.Model, "--out", output, "--threshold", "0.99", .. more];

    [Fact]
    public void A_rerun_without_truth_removes_the_earlier_runs_missed_lesions_and_maps_and_keeps_foreign_files()
    {
        string output = files.Fresh("rerun");
        var first = CliRunner.Run(Explain(output, "--truth", files.Truth, "--methods", "smoothgrad,gradcampp", "--samples", "1"));
        Assert.True(first.ExitCode == 0, first.Error);
        Assert.True(File.Exists(Path.Combine(output, "missed.nii.gz")));
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(output, "maps")));
        string notes = Path.Combine(output, "notes.txt");
        File.WriteAllText(notes, "mine");
        string killed = Path.Combine(output, "maps", $".lesion-0001_smoothgrad_flair.nii.gz.{DeadProcessId()}.{Guid.NewGuid():N}.partial");
        File.WriteAllText(killed, "half a map");

        var second = CliRunner.Run(Explain(output, "--methods", "smoothgrad", "--samples", "1"));

        Assert.True(second.ExitCode == 0, second.Error);
        using var run = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "run.json")));
        Assert.Equal(0, run.RootElement.GetProperty("lesions").GetProperty("missed").GetInt32());
        Assert.False(File.Exists(Path.Combine(output, "missed.nii.gz")));
        Assert.Empty(Directory.GetFiles(Path.Combine(output, "maps"), "*", SearchOption.AllDirectories)); // no lesion is predicted at τ = 0.99
        Assert.True(File.Exists(notes));
        Assert.False(File.Exists(killed));
    }

    [Theory]
    [InlineData("--cam-layer", "no.such.layer", "No layer named no.such.layer")]
    [InlineData("--methods", "smoothgrad,smoothgrad", "smoothgrad is named twice")]
    [InlineData("--samples", "2000000000", "--samples must be between 1 and 10000")]
    [InlineData("--samples-max", "10001", "--samples-max must be between 1 and 10000")]
    public void Settings_are_refused_before_any_work_without_a_progress_line(string option, string value, string words)
    {
        string output = files.Fresh("refused");
        CliRunner.AssertBadInput(CliRunner.Run(Explain(output, "--truth", files.Truth, option, value)), words); // one line: no progress before it
        Assert.Empty(Directory.Exists(output) ? Directory.GetFileSystemEntries(output) : []); // no labels, no maps/
    }

    [Fact]
    public void A_refused_input_prints_no_progress_line_before_its_error()
    {
        string output = files.Fresh("bad-t1");
        var result = CliRunner.Run(["explain", "--flair", files.Flair, "--t1", files.EmptyFolder, "--model", ReliabilityFiles.Model, "--out", output]);
        CliRunner.AssertBadInput(result, "is a directory");
    }

    static int DeadProcessId()
    {
        using var process = System.Diagnostics.Process.Start("true")!;
        process.WaitForExit();
        return process.Id;
    }
}
