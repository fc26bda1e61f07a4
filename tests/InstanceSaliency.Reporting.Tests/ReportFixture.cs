using System.Diagnostics;
using InstanceSaliency.Imaging.Nifti;
using InstanceSaliency.Imaging.Volumes;
using InstanceSaliency.Reporting.Html;
using InstanceSaliency.TestSupport;

namespace InstanceSaliency.Reporting.Tests;

/// <summary>
/// One small explain run (synthetic scan, small U-Net, two ground-truth lesions, SmoothGrad and Grad-CAM++; run by
/// `./ies explain` in a child process, so this test process never loads LibTorch) and its
/// report, made once for every test of the collection. The FLAIR's file name carries markup, so every page that
/// shows it must escape it.
/// </summary>
public sealed class ReportFixture : IDisposable
{
    /// <summary>A file name that breaks any page that does not escape it.</summary>
    public const string HostileFlairName = "flair <b>&\"x'.nii.gz";

    readonly TemporaryDirectory _folder = new();

    public ReportFixture()
    {
        var clock = Stopwatch.StartNew();
        var (flair, t1, truth) = TwoLesionScan.Write(_folder, HostileFlairName, firstBlockSlices: 3);
        RunFolder = _folder.File("run");
        // The explain run is made by the real program in its own process: the report and its tests never load LibTorch.
        IesProcess.Ok("explain", "--flair", flair, "--t1", t1, "--truth", truth,
            "--model", RepositoryPaths.SmallUNet, "--out", RunFolder,
            "--methods", "smoothgrad,smoothgrad-max,gradcampp", "--samples", "2", "--seed", "1", "--threshold", "0.99");
        ExplainSeconds = clock.Elapsed.TotalSeconds;

        clock.Restart();
        AnalysisFolder = _folder.File("analysis");
        Directory.CreateDirectory(AnalysisFolder);
        // Any PNG stands in for an analysis plot; its name carries markup too.
        File.WriteAllBytes(Path.Combine(AnalysisFolder, "peak <by> type.png"), Convert.FromBase64String(Favicon.DataUrl.Split(',')[1]));
        // analyze writes each plot twice (PNG and SVG): the report shows it once.
        File.WriteAllText(Path.Combine(AnalysisFolder, "peak <by> type.svg"),
            """<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect width="40" height="20" fill="#d7301f"/></svg>""");
        ReportFolder = _folder.File("report");
        IndexPath = ReportBuilder.Build(RunFolder, ReportFolder, new ReportOptions { AnalysisFolder = AnalysisFolder });
        ReportSeconds = clock.Elapsed.TotalSeconds;
    }

    public string RunFolder { get; }
    public string AnalysisFolder { get; }
    public string ReportFolder { get; }
    public string IndexPath { get; }
    public double ExplainSeconds { get; }
    public double ReportSeconds { get; }

    /// <summary>A scratch path beside the run.</summary>
    public string Scratch(string name) => _folder.File(name);

    public void Dispose() => _folder.Dispose();

}
