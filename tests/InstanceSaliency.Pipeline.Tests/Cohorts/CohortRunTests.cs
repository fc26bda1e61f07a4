using InstanceSaliency.Saliency.Catalog;
using System.Text.Json;
using InstanceSaliency.Pipeline.Cohorts;
using InstanceSaliency.Analysis.Pooling;
using InstanceSaliency.Pipeline.Analyze;
using InstanceSaliency.Pipeline.Explanation;
using InstanceSaliency.Imaging;
using InstanceSaliency.Imaging.Geometry;
using InstanceSaliency.Imaging.Nifti;
using InstanceSaliency.Imaging.Volumes;
using InstanceSaliency.Models.Runtime;
using InstanceSaliency.Saliency;
using InstanceSaliency.TestSupport;

namespace InstanceSaliency.Pipeline.Tests.Cohorts;

/// <summary>Plan, run, skip and redo on a three-scan synthetic BIDS cohort with the small U-Net (nothing predicted at τ = 0.99: FN lesions only).</summary>
public sealed class CohortRunTests : IDisposable
{
    static readonly ExplainOptions Cheap = new()
    {
        Methods = [SaliencyMethods.SmoothGrad.Name, SaliencyMethods.GradCamPlusPlus.Name],
        SmoothGrad = new SmoothGradOptions { Samples = 2, Seed = 3 },
        Threshold = 0.99,
    };

    readonly TemporaryDirectory _folder = new();
    readonly string _root;

    public CohortRunTests()
    {
        _root = _folder.File("bids");
        SyntheticCohort.WriteBids(_root, subjects: 3);
    }

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Plan_writes_the_task_list_and_a_bids_derivative_description()
    {
        var result = Plan(Cheap);
        string derivatives = Path.Combine(_root, "derivatives", "instancesaliency");
        Assert.Equal(derivatives, result.Derivatives);
        Assert.Equal(["sub-01/anat/sub-01", "sub-02/anat/sub-02", "sub-03/anat/sub-03"], result.Plan.Tasks.Select(t => t.Output));
        var read = CohortPlan.Read(derivatives);
        Assert.Equal(result.Plan.ConfigurationSha256, read.ConfigurationSha256);
        Assert.Equal(result.Plan.Tasks, read.Tasks);
        using var description = JsonDocument.Parse(File.ReadAllText(Path.Combine(derivatives, "dataset_description.json")));
        Assert.Equal("derivative", description.RootElement.GetProperty("DatasetType").GetString());
        Assert.False(string.IsNullOrEmpty(description.RootElement.GetProperty("BIDSVersion").GetString()));
        Assert.Equal("InstanceSaliency", description.RootElement.GetProperty("GeneratedBy")[0].GetProperty("Name").GetString());
        // The same dataset and options give the same plan bytes; other options another configuration hash.
        string bytes = File.ReadAllText(Path.Combine(derivatives, CohortPlan.FileName));
        Plan(Cheap);
        Assert.Equal(bytes, File.ReadAllText(Path.Combine(derivatives, CohortPlan.FileName)));
        Assert.NotEqual(result.Plan.ConfigurationSha256, Plan(Cheap with { SmoothGrad = Cheap.SmoothGrad with { Samples = 3 } }).Plan.ConfigurationSha256);
    }

    [Fact]
    public void Shards_complete_every_task_once_and_a_rerun_skips_them()
    {
        var (plan, derivatives) = (Plan(Cheap).Plan, Plan(Cheap).Derivatives);
        var first = RunShard(plan, derivatives, new Shard(0, 2));
        Assert.Equal((2, 2, 0), (first.Tasks, first.Done, first.Skipped));
        var status = CohortStatus.Of(plan, derivatives);
        Assert.Equal((2, 0, 1), (status.Complete, status.Incomplete, status.Pending));
        Assert.Equal([TaskState.Complete, TaskState.Pending, TaskState.Complete], status.Entries.Select(e => e.State)); // shard 0/2: tasks 0 and 2
        RunShard(plan, derivatives, new Shard(1, 2));
        status = CohortStatus.Of(plan, derivatives);
        Assert.Equal(3, status.Complete);

        var stamps = plan.Tasks.Select(t => File.GetLastWriteTimeUtc(Path.Combine(t.FolderIn(derivatives), "lesions.tsv"))).ToList();
        var again = RunShard(plan, derivatives, Shard.All);
        Assert.Equal((3, 0, 3), (again.Tasks, again.Done, again.Skipped));
        Assert.Equal(stamps, plan.Tasks.Select(t => File.GetLastWriteTimeUtc(Path.Combine(t.FolderIn(derivatives), "lesions.tsv"))));

        string folder = plan.Tasks[0].FolderIn(derivatives);
        foreach (string file in new[] { "labels.nii.gz", "missed.nii.gz", "lesions.tsv", "run.json", TaskMarker.FileName })
            Assert.True(File.Exists(Path.Combine(folder, file)), $"missing {file}");
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(folder, "maps"), "lesion-*_smoothgrad_flair.nii.gz"));
        using var marker = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, TaskMarker.FileName)));
        Assert.Equal(plan.ConfigurationSha256, marker.RootElement.GetProperty("configuration_sha256").GetString());
        Assert.Equal(64, marker.RootElement.GetProperty("inputs")[0].GetProperty("sha256").GetString()!.Length);
        Assert.Contains(marker.RootElement.GetProperty("outputs").EnumerateArray(), o => o.GetProperty("path").GetString() == "lesions.tsv");
    }

    [Fact]
    public void Anything_but_a_valid_marker_of_this_configuration_is_redone()
    {
        var (plan, derivatives) = (Plan(Cheap).Plan, Plan(Cheap).Derivatives);
        RunShard(plan, derivatives, Shard.All);
        string tsv0 = File.ReadAllText(Path.Combine(plan.Tasks[0].FolderIn(derivatives), "lesions.tsv"));

        // Task 0: a stale temporary folder beside a missing result (a run killed mid-task).
        string folder0 = plan.Tasks[0].FolderIn(derivatives);
        Directory.Move(folder0, Path.Combine(Path.GetDirectoryName(folder0)!, ".sub-01.partial-1-dead"));
        // Task 1: a folder without marker (killed between the rename and the marker).
        File.Delete(Path.Combine(plan.Tasks[1].FolderIn(derivatives), TaskMarker.FileName));
        // Task 2: an output listed in the marker is gone.
        File.Delete(Path.Combine(plan.Tasks[2].FolderIn(derivatives), "labels.nii.gz"));
        Assert.All(CohortStatus.Of(plan, derivatives).Entries, e => Assert.Equal(TaskState.Incomplete, e.State));

        var redo = RunShard(plan, derivatives, Shard.All);
        Assert.Equal((3, 0), (redo.Done, redo.Skipped));
        Assert.Equal(3, CohortStatus.Of(plan, derivatives).Complete);
        Assert.Empty(plan.Tasks.SelectMany(t => TaskFolder.Leftovers(t, derivatives)));
        Assert.Equal(tsv0, File.ReadAllText(Path.Combine(folder0, "lesions.tsv")));

        // A changed input (new modification time) and another configuration both make tasks stale.
        File.SetLastWriteTimeUtc(plan.Tasks[1].T1, DateTime.UtcNow.AddMinutes(1));
        Assert.Equal(TaskState.Incomplete, TaskFolder.State(plan.Tasks[1], derivatives, plan.ConfigurationSha256));
        var other = Plan(Cheap with { Methods = [SaliencyMethods.GradCamPlusPlus.Name] });
        Assert.Equal(2, other.Invalidated);
        Assert.All(CohortStatus.Of(other.Plan, derivatives).Entries, e => Assert.Equal(TaskState.Incomplete, e.State));
        var redone = RunShard(other.Plan, derivatives, new Shard(0, 3));
        Assert.Equal((1, 0), (redone.Done, redone.Skipped));
        Assert.Empty(Directory.GetFiles(Path.Combine(folder0, "maps"), "*smoothgrad*"));
    }

    [Fact]
    public void Gather_pools_each_complete_task_once_and_analyses_them()
    {
        var (plan, derivatives) = (Plan(Cheap).Plan, Plan(Cheap).Derivatives);
        RunShard(plan, derivatives, new Shard(0, 3));
        var error = Assert.Throws<InvalidInputException>(() => CohortGather.Run(plan, derivatives, new AnalyzeOptions(), partial: false));
        Assert.Contains("2 of 3 task(s) are not complete", error.Message);

        RunShard(plan, derivatives, Shard.All);
        var options = new AnalyzeOptions { BootstrapResamples = 0, ErrorIdentification = false, Figures = false };
        var result = CohortGather.Run(plan, derivatives, options, partial: false);
        var lines = File.ReadAllLines(Path.Combine(derivatives, "group", "lesions.tsv"));
        var header = lines[0].Split('\t');
        Assert.Equal(["scan", "subject", "session", "id", "type"], header.Take(5));
        var expected = plan.Tasks.Sum(t => File.ReadAllLines(Path.Combine(t.FolderIn(derivatives), "lesions.tsv")).Length - 1);
        Assert.Equal(expected, lines.Length - 1);
        Assert.Equal(expected, result.Rows);
        var keys = lines.Skip(1).Select(l => string.Join('\t', l.Split('\t').Take(4 /* scan, subject, session, id */))).ToList();
        Assert.Equal(keys.Count, keys.Distinct().Count());
        Assert.Equal(["sub-01", "sub-02", "sub-03"], lines.Skip(1).Select(l => l.Split('\t')[0]).Distinct());
        Assert.NotNull(result.Analysis);
        Assert.Equal(3, result.Analysis!.Cohort.Scans.Count);
        Assert.True(File.Exists(Path.Combine(derivatives, "group", "summary.json")));
    }

    [Fact]
    public void A_refused_scan_fails_alone_and_leaves_nothing_behind()
    {
        // sub-02's T1 300 mm away from its FLAIR in world space: ExplainRun refuses it; the other scans still complete.
        var (other, _) = SyntheticScan.Ellipsoid(20, 36, 30);
        var elsewhere = ImageGeometry.FromAffine(other.Shape, Affine.Identity.Shifted(300, 0, 0));
        NiftiFile.Write(new Volume<float>(other.Voxels, elsewhere), Path.Combine(_root, "sub-02", "anat", "sub-02_T1w.nii.gz"));
        var (plan, derivatives) = (Plan(Cheap).Plan, Plan(Cheap).Derivatives);
        var summary = RunShard(plan, derivatives, Shard.All);
        Assert.Equal(2, summary.Done);
        var failure = Assert.Single(summary.Failed);
        Assert.StartsWith("sub-02: ", failure);
        Assert.Contains("sub-02_T1w.nii.gz", failure);
        // issue 19: failed, not pending; nothing but the failure mark (with the reason) is left
        Assert.Equal([TaskState.Complete, TaskState.Failed, TaskState.Complete], CohortStatus.Of(plan, derivatives).Entries.Select(e => e.State));
        Assert.Empty(TaskFolder.Leftovers(plan.Tasks[1], derivatives));
        Assert.Contains("sub-02_T1w.nii.gz", File.ReadAllText(TaskFolder.FailedMark(plan.Tasks[1], derivatives)));
    }

    CohortPlanner.Result Plan(ExplainOptions options) =>
        CohortPlanner.Plan(new CohortPlanner.Source(_root, SyntheticCohort.TruthName, null), null, options, SyntheticCohort.Model, "cpu");

    static CohortRun.Summary RunShard(CohortPlan plan, string derivatives, Shard shard)
    {
        using var model = CohortRun.LoadModel(plan, ComputeContext.Cpu);
        return new CohortRun(plan, derivatives).Run(shard, model, ComputeContext.Cpu);
    }
}
