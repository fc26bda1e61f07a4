using InstanceSaliency.TestSupport;

namespace InstanceSaliency.Reporting.Tests;

/// <summary>
/// `ies report` and `ies analyze` are plain .NET (issue 13): run as the real program with IES_DEBUG_NATIVE=1, they
/// map no LibTorch library, while `ies explain` (the control) does.
/// </summary>
[Collection(ReportCollection.Name)]
public sealed class NoLibTorchTests(ReportFixture report)
{
    static readonly Dictionary<string, string> Native = new() { ["IES_DEBUG_NATIVE"] = "1" };

    [Fact]
    public void Report_and_analyze_never_load_LibTorch()
    {
        var reportRun = IesProcess.Run(Native, "report", report.RunFolder, "--out", report.Scratch("report-native"));
        Assert.True(reportRun.ExitCode == 0, reportRun.Error);
        Assert.Contains("native: no LibTorch", reportRun.Error);

        var analyzeRun = IesProcess.Run(Native, "analyze", report.RunFolder, "--out", report.Scratch("analysis-native"), "--no-error-identification", "--no-figures");
        Assert.True(analyzeRun.ExitCode == 0, analyzeRun.Error);
        Assert.Contains("native: no LibTorch", analyzeRun.Error);
    }

    [Fact]
    public void The_check_sees_LibTorch_when_a_command_loads_it()
    {
        var explain = IesProcess.Run(Native, "explain", "--flair", Path.Combine(report.RunFolder, "..", "t1.nii.gz"), "--t1", Path.Combine(report.RunFolder, "..", "t1.nii.gz"),
            "--model", RepositoryPaths.SmallUNet, "--out", report.Scratch("control"), "--methods", "gradcampp", "--threshold", "0.99");
        Assert.True(explain.ExitCode == 0, explain.Error);
        Assert.Contains(explain.Error.Split('\n'), line => line.StartsWith("native: libtorch", StringComparison.Ordinal));
    }
}
