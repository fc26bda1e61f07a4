using InstanceSaliency.Imaging.Nifti;
using InstanceSaliency.TestSupport;

namespace InstanceSaliency.Cli.Tests.Reliability;

/// <summary>
/// Issue 19, item 7: the report refuses a FLAIR that changed since the run (run.json's SHA-256), says so when maps/
/// is gone, and a failed report leaves no half-built folder.
/// </summary>
public sealed class ReportIntegrityTests : IDisposable
{
    readonly TemporaryDirectory _folder = new();
    readonly string _flair, _t1, _run;

    public ReportIntegrityTests()
    {
        var (flair, t1, _) = SyntheticCohort.Scan(0);
        NiftiFile.Write(flair, _flair = _folder.File("flair.nii.gz"));
        NiftiFile.Write(t1, _t1 = _folder.File("t1.nii.gz"));
        var truth = SyntheticCohort.Scan(0).Mask;
        NiftiFile.Write(truth, _folder.File("truth.nii.gz"));
        _run = _folder.File("run");
        var explain = CliRunner.Run("explain", "--flair", _flair, "--t1", _t1, "--truth", _folder.File("truth.nii.gz"), "--model", SyntheticCohort.Model,
            "--out", _run, "--methods", "smoothgrad", "--samples", "1", "--threshold", "0.99");
        Assert.True(explain.ExitCode == 0, explain.Error);
    }

    public void Dispose() => _folder.Dispose();

    string Report => Path.Combine(_run, "report");

    [Fact]
    public void A_flair_that_changed_since_the_run_is_refused()
    {
        var (other, _, _) = SyntheticCohort.Scan(3);
        NiftiFile.Write(other, _flair); // the path run.json names now holds another scan
        CliRunner.AssertBadInput(CliRunner.Run("report", _run), "changed since the run", _flair);
        Assert.False(Directory.Exists(Report), "the refused run left its report folder"); // claimed by the output step, removed on refusal
    }

    [Fact]
    public void Deleted_maps_give_a_warning_line()
    {
        Directory.Delete(Path.Combine(_run, "maps"), recursive: true);
        var result = CliRunner.Run("report", _run);
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains(result.Error.Split('\n'), line => line.StartsWith("warning: ", StringComparison.Ordinal) && line.Contains("no maps folder"));
    }

    [Fact]
    public void A_failed_report_leaves_no_half_built_folder_and_keeps_the_earlier_report()
    {
        Assert.Equal(0, CliRunner.Run("report", _run).ExitCode);
        string index = File.ReadAllText(Path.Combine(Report, "index.html"));
        File.Delete(_t1); // read after the assets are copied: the build fails half-way
        AssertFailedDuringWork(CliRunner.Run("report", _run), "T1");
        Assert.Equal(index, File.ReadAllText(Path.Combine(Report, "index.html")));
        Assert.Empty(Directory.GetDirectories(_run, ".report.*"));

        string fresh = _folder.File("fresh-report");
        AssertFailedDuringWork(CliRunner.Run("report", _run, "--out", fresh), "T1");
        Assert.False(Directory.Exists(fresh), "the failed report left its folder"); // claimed by --out, removed on refusal: no assets/ or figures/
    }

    /// <summary>Exit 2 with the error as the last line (progress lines of the work done before may precede it).</summary>
    static void AssertFailedDuringWork(CliRunner.Result result, string words)
    {
        Assert.Equal(2, result.ExitCode);
        string last = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1];
        Assert.StartsWith("error: ", last);
        Assert.Contains(words, last);
    }

    [Fact]
    public void A_non_empty_folder_that_is_no_report_is_refused_and_left_alone()
    {
        string foreign = _folder.File("documents");
        Directory.CreateDirectory(foreign);
        File.WriteAllText(Path.Combine(foreign, "thesis.tex"), "mine");
        CliRunner.AssertBadInput(CliRunner.Run("report", _run, "--out", foreign), "holds no earlier report");
        Assert.Equal(["thesis.tex"], Directory.GetFileSystemEntries(foreign).Select(Path.GetFileName));
    }
}
