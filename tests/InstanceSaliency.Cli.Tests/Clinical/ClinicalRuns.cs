using InstanceSaliency.Imaging.Nifti;
using InstanceSaliency.Lesions;
using InstanceSaliency.TestSupport;

namespace InstanceSaliency.Cli.Tests.Clinical;

/// <summary>
/// `ies segment --brain-mask` and `ies explain --brain-mask --truth` run once per class on two MS3SEG clinical scans
/// (native 0.9×0.9×6.4–6.5 mm, skull on) with the embedded model (1 mm): 104252, whose T1 is stored LPS flipped along
/// j, and 107130, whose T1 lies on the FLAIR's grid. Explain: Grad-CAM++ on the first predicted and the first missed lesion.
/// </summary>
public sealed class ClinicalRuns : IDisposable
{
    public static IReadOnlyList<string> Patients { get; } = ["104252", "107130"];

    readonly TemporaryDirectory _folder = new();

    public ClinicalRuns()
    {
        foreach (string patient in Patients)
        {
            string segment = _folder.File($"segment-{patient}");
            Segments[patient] = CliRunner.Run(["segment", .. Inputs(patient), "--out", segment]);
            if (Segments[patient].ExitCode != 0) continue;
            // explain's lesions: the same segmentation, 18-connected, at least 6 voxels (its --min-size default).
            var mask = NiftiFile.ReadMask(Path.Combine(segment, "mask.nii.gz"));
            int predicted = LesionExtraction.Extract(mask, new LesionInstanceOptions { MinimumVoxels = 6 }).Lesions.Count;
            ExplainedIds[patient] = [1, predicted + 1];
            Explains[patient] = CliRunner.Run(["explain", .. Inputs(patient), "--truth", RepositoryPaths.Ms3seg(patient, "mask.nii.gz"),
                "--methods", "gradcampp", "--lesions", $"1,{predicted + 1}", "--out", _folder.File($"explain-{patient}")]);
        }
    }

    internal Dictionary<string, CliRunner.Result> Segments { get; } = [];
    internal Dictionary<string, CliRunner.Result> Explains { get; } = [];
    public Dictionary<string, int[]> ExplainedIds { get; } = [];

    public string SegmentFolder(string patient) => _folder.File($"segment-{patient}");
    public string ExplainFolder(string patient) => _folder.File($"explain-{patient}");

    public static string[] Inputs(string patient) =>
        ["--flair", RepositoryPaths.Ms3seg(patient, "flair.nii.gz"), "--t1", RepositoryPaths.Ms3seg(patient, "t1.nii.gz"),
         "--brain-mask", RepositoryPaths.Ms3seg(patient, "brain_mask.nii.gz")];

    public void Dispose() => _folder.Dispose();
}
