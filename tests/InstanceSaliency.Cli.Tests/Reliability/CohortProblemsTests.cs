using System.Text.Json;
using InstanceSaliency.Imaging.Geometry;
using InstanceSaliency.Imaging.Nifti;
using InstanceSaliency.Imaging.Volumes;
using InstanceSaliency.TestSupport;

namespace InstanceSaliency.Cli.Tests.Reliability;

/// <summary>
/// Issue 19, item 6: a manifest or BIDS dataset with several problems reports every one; a folder given as a scan
/// says so; a task refused in `cohort run` shows as failed (not pending) in `cohort status` until a rerun succeeds.
/// </summary>
public sealed class CohortProblemsTests : IDisposable
{
    readonly TemporaryDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    string Manifest(params string[] lines)
    {
        string path = _folder.File("manifest.tsv");
        File.WriteAllLines(path, ["subject\tflair\tt1\ttruth", .. lines]);
        return path;
    }

    CliRunner.Result Plan(string manifest) =>
        CliRunner.Run(["cohort", "plan", "--manifest", manifest, "--out", _folder.File("derivatives"), "--model", SyntheticCohort.Model, .. SyntheticCohort.CheapOptions]);

    [Fact]
    public void A_manifest_with_five_problems_reports_all_five_in_one_line()
    {
        var (flair, t1, mask) = SyntheticCohort.Scan(0);
        NiftiFile.Write(flair, _folder.File("f.nii.gz"));
        NiftiFile.Write(t1, _folder.File("t.nii.gz"));
        NiftiFile.Write(mask, _folder.File("m.nii.gz"));
        Directory.CreateDirectory(_folder.File("a-folder"));
        string manifest = Manifest(
            "01\tf.nii.gz\tmissing-t1.nii.gz\tm.nii.gz",   // 1: T1 missing
            "bad_label\tf.nii.gz\tt.nii.gz\tm.nii.gz",     // 2: not a BIDS label
            "03\ta-folder\tt.nii.gz\tm.nii.gz",            // 3: a folder as the FLAIR
            "04\tf.nii.gz\tt.nii.gz",                      // 4: a field short
            "05\tf.nii.gz\tt.nii.gz\t",                    // 5: empty truth
            "06\tf.nii.gz\tt.nii.gz\tm.nii.gz");           // fine
        string error = CliRunner.AssertBadInput(Plan(manifest), "5 problem(s)");
        foreach (string part in new[] { "line 2, column t1", "line 3, column subject", "is a directory", "line 5: 3 field(s)", "line 6, column truth: empty" })
            Assert.Contains(part, error);
        Assert.False(Directory.Exists(_folder.File("derivatives")));
    }

    [Fact]
    public void A_bids_dataset_with_eight_incomplete_subjects_lists_every_one()
    {
        string bids = _folder.File("bids");
        var ids = SyntheticCohort.WriteBids(bids, subjects: 9, truth: true);
        for (int s = 1; s <= 8; s++) File.Delete(Path.Combine(bids, $"sub-{s:D2}", "anat", $"sub-{s:D2}_T1w.nii.gz"));
        string error = CliRunner.AssertBadInput(CliRunner.Run(["cohort", "plan", "--bids", bids, "--truth-derivatives", SyntheticCohort.TruthName, "--model", SyntheticCohort.Model]),
            "8 incomplete subject(s)");
        foreach (string id in ids.Take(8)) Assert.Contains(id, error);
        Assert.DoesNotContain("more", error);
    }

    [Fact]
    public void A_refused_scan_shows_as_failed_in_status_until_a_rerun_succeeds()
    {
        var (flair, t1, mask) = SyntheticCohort.Scan(0);
        NiftiFile.Write(flair, _folder.File("f.nii.gz"));
        NiftiFile.Write(mask, _folder.File("m.nii.gz"));
        var otherGrid = Volume<float>.Zeros(ImageGeometry.FromAffine(new GridShape(40, 36, 31), Affine.Identity));
        NiftiFile.Write(otherGrid, _folder.File("t.nii.gz"));
        var plan = Plan(Manifest("01\tf.nii.gz\tt.nii.gz\tm.nii.gz"));
        Assert.True(plan.ExitCode == 0, plan.Error);
        string derivatives = _folder.File("derivatives");

        var run = CliRunner.Run("cohort", "run", derivatives);
        Assert.Equal(2, run.ExitCode);
        var status = CliRunner.Run("cohort", "status", derivatives, "--list");
        Assert.StartsWith("1 task(s): 0 complete, 0 incomplete, 0 pending, 1 failed", status.Out);
        Assert.Contains("failed\tsub-01", status.Out);
        using (var json = JsonDocument.Parse(CliRunner.Run("cohort", "status", derivatives, "--json").Out))
            Assert.Equal("failed", json.RootElement.GetProperty("entries")[0].GetProperty("state").GetString());

        NiftiFile.Write(t1, _folder.File("t.nii.gz")); // fixed: the same grid as the FLAIR
        var rerun = CliRunner.Run("cohort", "run", derivatives);
        Assert.True(rerun.ExitCode == 0, rerun.Error);
        Assert.StartsWith("1 task(s): 1 complete, 0 incomplete, 0 pending, 0 failed", CliRunner.Run("cohort", "status", derivatives).Out);
    }
}
