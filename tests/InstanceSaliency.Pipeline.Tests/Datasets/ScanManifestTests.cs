using InstanceSaliency.Pipeline.Datasets;
using InstanceSaliency.Imaging;
using InstanceSaliency.TestSupport;

namespace InstanceSaliency.Pipeline.Tests.Datasets;

public sealed class ScanManifestTests : IDisposable
{
    readonly TemporaryDirectory _folder = new();

    public ScanManifestTests()
    {
        foreach (string name in new[] { "a_flair.nii.gz", "a_t1.nii.gz", "a_mask.nii.gz", "b_flair.nii.gz", "b_t1.nii.gz", "b_mask.nii.gz" })
            File.WriteAllText(_folder.File(name), "");
    }

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Reads_subjects_sessions_and_relative_paths()
    {
        var scans = ScanManifest.Read(Manifest("subject\tsession\tflair\tt1\ttruth", "sub-01\t1\ta_flair.nii.gz\ta_t1.nii.gz\ta_mask.nii.gz", "# a comment", "",
            "02\t\tb_flair.nii.gz\tb_t1.nii.gz\tb_mask.nii.gz"));
        Assert.Equal(["sub-01_ses-1", "sub-02"], scans.Select(s => s.Id));
        Assert.Equal(_folder.File("a_t1.nii.gz"), scans[0].T1Path);
        Assert.Equal(_folder.File("b_mask.nii.gz"), scans[1].TruthPath);
        Assert.Equal("sub-01/ses-1/anat/sub-01_ses-1", scans[0].OutputFolder);
        Assert.Null(scans[1].Session);
    }

    [Fact]
    public void A_brain_mask_column_names_each_scans_brain_mask()
    {
        var scans = ScanManifest.Read(Manifest("subject\tflair\tt1\tbrain_mask", "01\ta_flair.nii.gz\ta_t1.nii.gz\ta_mask.nii.gz"));
        Assert.Equal(_folder.File("a_mask.nii.gz"), Assert.Single(scans).BrainMaskPath);
        Assert.Null(ScanManifest.Read(Manifest("subject\tflair\tt1", "01\ta_flair.nii.gz\ta_t1.nii.gz"))[0].BrainMaskPath);
    }

    [Theory]
    [InlineData("the header lacks the column(s) t1", "subject\tflair", "01\ta_flair.nii.gz")]
    [InlineData("unknown column \"mask\"", "subject\tflair\tt1\tmask", "01\ta_flair.nii.gz\ta_t1.nii.gz\ta_mask.nii.gz")]
    [InlineData("line 2, column t1:", "subject\tflair\tt1", "01\ta_flair.nii.gz\tmissing.nii.gz")]
    [InlineData("line 2: 2 field(s), the header has 3", "subject\tflair\tt1", "01\ta_flair.nii.gz a_t1.nii.gz")]
    [InlineData("\"0-1\" is not a BIDS label", "subject\tflair\tt1", "0-1\ta_flair.nii.gz\ta_t1.nii.gz")]
    [InlineData("line 2, column truth: empty", "subject\tflair\tt1\ttruth", "01\ta_flair.nii.gz\ta_t1.nii.gz\t")]
    [InlineData("needs a header line and at least one scan", "subject\tflair\tt1")]
    public void Bad_manifests_name_the_line_and_column(string words, params string[] lines) =>
        Assert.Contains(words, Assert.Throws<InvalidInputException>(() => ScanManifest.Read(Manifest(lines))).Message);

    [Fact]
    public void A_subject_and_session_twice_is_refused()
    {
        var error = Assert.Throws<InvalidInputException>(() => ScanManifest.Read(Manifest("subject\tflair\tt1",
            "01\ta_flair.nii.gz\ta_t1.nii.gz", "sub-01\tb_flair.nii.gz\tb_t1.nii.gz")));
        Assert.Contains("line 3: sub-01 again (first on line 2)", error.Message);
    }

    string Manifest(params string[] lines)
    {
        string path = _folder.File("cohort.tsv");
        File.WriteAllText(path, string.Join("\n", lines) + "\n");
        return path;
    }
}
