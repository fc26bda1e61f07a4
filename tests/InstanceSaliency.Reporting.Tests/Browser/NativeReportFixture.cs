using InstanceSaliency.TestSupport;

namespace InstanceSaliency.Reporting.Tests.Browser;

/// <summary>
/// The report of a native clinical run (issue 14): MS3SEG 104252 (256×256×20 at 0.9×0.9×6.5 mm, skull on, its T1
/// stored LPS flipped along j) explained by the real program with its brain mask and truth on the embedded 1 mm model,
/// so the maps lie on the 1 mm working grid while the anatomy is the native FLAIR. Lesion 1, SmoothGrad (1 sample) and Grad-CAM++.
/// </summary>
public sealed class NativeReportFixture : IDisposable
{
    public const string Patient = "104252";
    readonly TemporaryDirectory _folder = new();

    public NativeReportFixture()
    {
        RunFolder = _folder.File("run");
        IesProcess.Ok("explain", "--flair", RepositoryPaths.Ms3seg(Patient, "flair.nii.gz"), "--t1", RepositoryPaths.Ms3seg(Patient, "t1.nii.gz"),
            "--brain-mask", RepositoryPaths.Ms3seg(Patient, "brain_mask.nii.gz"), "--truth", RepositoryPaths.Ms3seg(Patient, "mask.nii.gz"),
            "--methods", "smoothgrad,gradcampp", "--samples", "1", "--lesions", "1", "--out", RunFolder);
        ReportFolder = _folder.File("report");
        IndexPath = ReportBuilder.Build(RunFolder, ReportFolder);
    }

    public string RunFolder { get; }
    public string ReportFolder { get; }
    public string IndexPath { get; }

    public void Dispose() => _folder.Dispose();
}
