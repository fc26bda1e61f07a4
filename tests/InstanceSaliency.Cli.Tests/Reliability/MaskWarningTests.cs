using InstanceSaliency.Imaging.Nifti;
using InstanceSaliency.TestSupport;

namespace InstanceSaliency.Cli.Tests.Reliability;

/// <summary>Issue 19, item 8 at the command line: the mask-value warnings the library returns are printed on standard error.</summary>
public sealed class MaskWarningTests(ReliabilityFiles files) : IClassFixture<ReliabilityFiles>
{
    static readonly string NonBinary = Path.Combine(RepositoryPaths.Fixtures, "masks", "non-binary.nii.gz");

    static string[] Warnings(CliRunner.Result result) =>
        result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith("warning: ", StringComparison.Ordinal)).ToArray();

    [Fact]
    public void Lesions_prints_a_warning_for_the_mask_and_for_the_truth()
    {
        var result = CliRunner.Run("lesions", NonBinary, "--truth", NonBinary);
        Assert.True(result.ExitCode == 0, result.Error);
        int perFile = NiftiFile.ReadMaskWithWarnings(NonBinary).Warnings.Count;
        Assert.True(perFile > 0);
        Assert.Equal(2 * perFile, Warnings(result).Length);
        Assert.All(Warnings(result), w => Assert.Contains(NonBinary, w));
    }

    [Fact]
    public void A_clean_mask_prints_no_warning() =>
        Assert.Empty(Warnings(CliRunner.Run("lesions", files.Truth, "--truth", files.Truth)));

    [Fact]
    public void Explain_prints_the_truths_warning_before_its_progress()
    {
        var truth = NiftiFile.ReadVolume(files.Truth).Map(v => v * 0.7f); // lesion voxels 0.7: binarised to 1, with a warning
        string path = files.Fresh("truth") + ".nii.gz";
        NiftiFile.Write(truth, path);
        var result = CliRunner.Run("explain", "--flair", files.Flair, "--t1", files.T1, "--truth", path, "--model", ReliabilityFiles.Model,
            "--out", files.Fresh("out"), "--methods", "smoothgrad", "--samples", "1", "--threshold", "0.99");
        Assert.True(result.ExitCode == 0, result.Error);
        // The synthetic scan fills its field of view, so the skull-on warning may come too: the truth's is the one checked.
        var warning = Assert.Single(Warnings(result), w => w.Contains(path, StringComparison.Ordinal));
        Assert.StartsWith("warning: ", result.Error); // before any progress line
    }
}
