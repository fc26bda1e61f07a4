using InstanceSaliency.Pipeline.Datasets;
using InstanceSaliency.Imaging;
using InstanceSaliency.TestSupport;

namespace InstanceSaliency.Pipeline.Tests.Datasets;

public sealed class BidsDatasetTests : IDisposable
{
    readonly TemporaryDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Finds_flair_t1_and_derivative_masks_without_sessions()
    {
        string root = _folder.File("bids");
        SyntheticCohort.WriteBids(root, subjects: 3);
        var scans = BidsDataset.Discover(root, SyntheticCohort.TruthName);

        Assert.Equal(["sub-01", "sub-02", "sub-03"], scans.Select(s => s.Id));
        var second = scans[1];
        Assert.Equal("02", second.Subject);
        Assert.Null(second.Session);
        Assert.Equal(Path.Combine(root, "sub-02", "anat", "sub-02_FLAIR.nii.gz"), second.FlairPath);
        Assert.Equal(Path.Combine(root, "sub-02", "anat", "sub-02_T1w.nii.gz"), second.T1Path);
        Assert.Equal(Path.Combine(root, "derivatives", "manual", "sub-02", "anat", "sub-02_label-lesion_mask.nii.gz"), second.TruthPath);
        Assert.Equal("sub-02/anat/sub-02", second.OutputFolder);
    }

    [Fact]
    public void Finds_every_session_and_names_outputs_by_subject_and_session()
    {
        string root = _folder.File("bids");
        SyntheticCohort.WriteBids(root, subjects: 2, sessions: ["1", "2"], truth: false);
        var scans = BidsDataset.Discover(root, truthDerivatives: null);

        Assert.Equal(["sub-01_ses-1", "sub-01_ses-2", "sub-02_ses-1", "sub-02_ses-2"], scans.Select(s => s.Id));
        Assert.All(scans, s => Assert.Null(s.TruthPath));
        Assert.Equal("1", scans[2].Session);
        Assert.Equal("sub-02/ses-1/anat/sub-02_ses-1", scans[2].OutputFolder);
        Assert.EndsWith(Path.Combine("sub-02", "ses-1", "anat", "sub-02_ses-1_T1w.nii.gz"), scans[2].T1Path);
    }

    [Fact]
    public void A_t1w_of_another_acquisition_still_belongs_to_its_session()
    {
        string root = _folder.File("bids");
        SyntheticCohort.WriteBids(root, subjects: 1, truth: false);
        string anat = Path.Combine(root, "sub-01", "anat");
        File.Move(Path.Combine(anat, "sub-01_FLAIR.nii.gz"), Path.Combine(anat, "sub-01_acq-3D_FLAIR.nii.gz"));
        File.Move(Path.Combine(anat, "sub-01_T1w.nii.gz"), Path.Combine(anat, "sub-01_acq-mprage_T1w.nii.gz"));

        var scan = Assert.Single(BidsDataset.Discover(root, null));
        Assert.Equal("sub-01_acq-3D", scan.Id);
        Assert.EndsWith("sub-01_acq-mprage_T1w.nii.gz", scan.T1Path);
    }

    [Fact]
    public void Incomplete_subjects_are_all_named_in_one_error()
    {
        string root = _folder.File("bids");
        SyntheticCohort.WriteBids(root, subjects: 4);
        File.Delete(Path.Combine(root, "sub-02", "anat", "sub-02_T1w.nii.gz"));
        File.Delete(Path.Combine(root, "sub-03", "anat", "sub-03_FLAIR.nii.gz"));
        File.Delete(Path.Combine(root, "derivatives", "manual", "sub-04", "anat", "sub-04_label-lesion_mask.nii.gz"));

        var error = Assert.Throws<InvalidInputException>(() => BidsDataset.Discover(root, SyntheticCohort.TruthName));
        Assert.Contains("3 incomplete subject(s)", error.Message);
        Assert.Contains("sub-02: no T1w for sub-02_FLAIR.nii.gz", error.Message);
        Assert.Contains("sub-03: a T1w but no anat/*_FLAIR.nii.gz", error.Message);
        Assert.Contains("sub-04: no ground-truth *_mask for sub-04_FLAIR.nii.gz", error.Message);
        Assert.DoesNotContain("sub-01", error.Message);
        // Without ground truth, sub-04 is complete.
        error = Assert.Throws<InvalidInputException>(() => BidsDataset.Discover(root, null));
        Assert.Contains("2 incomplete", error.Message);
    }

    [Fact]
    public void Two_candidate_masks_prefer_the_lesion_label_and_two_t1w_are_ambiguous()
    {
        string root = _folder.File("bids");
        SyntheticCohort.WriteBids(root, subjects: 1);
        string masks = Path.Combine(root, "derivatives", "manual", "sub-01", "anat");
        File.Copy(Path.Combine(masks, "sub-01_label-lesion_mask.nii.gz"), Path.Combine(masks, "sub-01_desc-brain_mask.nii.gz"));
        Assert.EndsWith("sub-01_label-lesion_mask.nii.gz", Assert.Single(BidsDataset.Discover(root, "manual")).TruthPath);

        string anat = Path.Combine(root, "sub-01", "anat");
        File.Move(Path.Combine(anat, "sub-01_T1w.nii.gz"), Path.Combine(anat, "sub-01_run-1_T1w.nii.gz"));
        File.Copy(Path.Combine(anat, "sub-01_run-1_T1w.nii.gz"), Path.Combine(anat, "sub-01_run-2_T1w.nii.gz"));
        var error = Assert.Throws<InvalidInputException>(() => BidsDataset.Discover(root, "manual"));
        Assert.Contains("2 T1w images could belong to sub-01_FLAIR.nii.gz", error.Message);
    }

    [Fact]
    public void Brain_masks_come_from_the_named_derivatives_folder_by_desc_brain()
    {
        string root = _folder.File("bids");
        SyntheticCohort.WriteBids(root, subjects: 2, truth: false);
        foreach (string subject in new[] { "01", "02" })
        {
            string anat = Path.Combine(root, "derivatives", "brains", $"sub-{subject}", "anat");
            Directory.CreateDirectory(anat);
            File.WriteAllText(Path.Combine(anat, $"sub-{subject}_desc-brain_mask.nii.gz"), "");
            File.WriteAllText(Path.Combine(anat, $"sub-{subject}_desc-csf_mask.nii.gz"), ""); // another mask: not a brain mask
        }
        var scans = BidsDataset.Discover(root, truthDerivatives: null, brainMaskDerivatives: "brains");
        Assert.Equal(Path.Combine(root, "derivatives", "brains", "sub-02", "anat", "sub-02_desc-brain_mask.nii.gz"), scans[1].BrainMaskPath);
        Assert.All(BidsDataset.Discover(root, null), s => Assert.Null(s.BrainMaskPath));

        File.Delete(Path.Combine(root, "derivatives", "brains", "sub-01", "anat", "sub-01_desc-brain_mask.nii.gz"));
        var error = Assert.Throws<InvalidInputException>(() => BidsDataset.Discover(root, null, "brains"));
        Assert.Contains("no brain mask *_desc-brain_mask for sub-01_FLAIR.nii.gz", error.Message);
        Assert.Contains("--brain-mask-derivatives", Assert.Throws<InvalidInputException>(() => BidsDataset.Discover(root, null, "none")).Message);
    }

    [Fact]
    public void Missing_dataset_or_derivatives_are_refused()
    {
        Assert.Contains("no such BIDS dataset", Assert.Throws<InvalidInputException>(() => BidsDataset.Discover(_folder.File("none"), null)).Message);
        Directory.CreateDirectory(_folder.File("empty"));
        Assert.Contains("no sub-* folder", Assert.Throws<InvalidInputException>(() => BidsDataset.Discover(_folder.File("empty"), null)).Message);
        string root = _folder.File("bids");
        SyntheticCohort.WriteBids(root, subjects: 1, truth: false);
        Assert.Contains("--truth-derivatives", Assert.Throws<InvalidInputException>(() => BidsDataset.Discover(root, "manual")).Message);
    }

    [Theory]
    [InlineData("sub-01_ses-2_acq-3D_FLAIR.nii.gz", "sub-01_ses-2_acq-3D", "FLAIR")]
    [InlineData("sub-01_T1w.nii", "sub-01", "T1w")]
    public void Bids_names_parse(string file, string prefix, string suffix)
    {
        var name = BidsName.TryParse(file)!;
        Assert.Equal(prefix, name.Prefix);
        Assert.Equal(suffix, name.Suffix);
    }

    [Theory]
    [InlineData("flair.nii.gz")]
    [InlineData("sub-01_FLAIR.json")]
    [InlineData("ses-1_sub-01_FLAIR.nii.gz")]
    [InlineData("sub-01_bad_FLAIR.nii.gz")]
    public void Other_names_are_not_bids_images(string file) => Assert.Null(BidsName.TryParse(file));
}
