using System.Text.Json;
using InstanceSaliency.TestSupport;

namespace InstanceSaliency.Cli.Tests.Commands;

/// <summary>`ies cohort` in-process: plan and status on a synthetic BIDS dataset, the generated scheduler files, and the usage errors.</summary>
public sealed class CohortCommandTests : IDisposable
{
    readonly TemporaryDirectory _folder = new();
    readonly string _bids;

    public CohortCommandTests()
    {
        _bids = _folder.File("bids");
        SyntheticCohort.WriteBids(_bids, subjects: 3, sessions: ["1"]);
    }

    public void Dispose() => _folder.Dispose();

    string Derivatives => Path.Combine(_bids, "derivatives", "instancesaliency");

    CliRunner.Result Plan(params string[] more) =>
        CliRunner.Run(["cohort", "plan", "--bids", _bids, "--truth-derivatives", "manual", "--model", SyntheticCohort.Model, .. SyntheticCohort.CheapOptions, .. more]);

    [Fact]
    public void Plan_then_status_counts_pending_tasks_as_text_and_json()
    {
        var plan = Plan();
        Assert.True(plan.ExitCode == 0, plan.Error);
        Assert.Contains("planned 3 task(s) (3 with ground truth)", plan.Out);
        Assert.True(File.Exists(Path.Combine(Derivatives, "cohort-plan.json")));

        var status = CliRunner.Run("cohort", "status", _bids, "--list");
        Assert.True(status.ExitCode == 0, status.Error);
        Assert.StartsWith("3 task(s): 0 complete, 0 incomplete, 3 pending", status.Out);
        Assert.Contains("pending\tsub-02_ses-1\tsub-02/ses-1/anat/sub-02_ses-1", status.Out);

        var json = CliRunner.Run("cohort", "status", Derivatives, "--json");
        using var document = JsonDocument.Parse(json.Out);
        Assert.Equal(3, document.RootElement.GetProperty("pending").GetInt32());
        Assert.Equal("pending", document.RootElement.GetProperty("entries")[0].GetProperty("state").GetString());
    }

    [Fact]
    public void Slurm_and_k8s_write_their_job_files_into_the_derivatives_folder()
    {
        Assert.Equal(0, Plan().ExitCode);
        var slurm = CliRunner.Run("cohort", "slurm", _bids, "--shards", "3", "--mem", "2G", "--ies", "/opt/ies/ies");
        Assert.True(slurm.ExitCode == 0, slurm.Error);
        string script = File.ReadAllText(Path.Combine(Derivatives, "cohort.sbatch"));
        Assert.Contains("#SBATCH --array=0-2\n", script);
        Assert.Contains($"exec '/opt/ies/ies' cohort run '{Derivatives}' --shard env\n", script);
        Assert.True(Directory.Exists(Path.Combine(Derivatives, "logs")));

        var k8s = CliRunner.Run("cohort", "k8s", Derivatives, "--shards", "2", "--image", "ies:1", "--claim", "data");
        Assert.True(k8s.ExitCode == 0, k8s.Error);
        string yaml = File.ReadAllText(Path.Combine(Derivatives, "cohort-job.yaml"));
        Assert.Contains("  completionMode: \"Indexed\"\n  completions: 2\n  parallelism: 2\n", yaml);
        Assert.Contains($"          mountPath: \"{_bids}\"", yaml); // the deepest folder holding inputs and outputs
        var json = CliRunner.Run("cohort", "k8s", Derivatives, "--shards", "2", "--image", "ies:1", "--claim", "data", "--json");
        using var job = JsonDocument.Parse(File.ReadAllText(Path.Combine(Derivatives, "cohort-job.json")));
        Assert.Equal("Indexed", job.RootElement.GetProperty("spec").GetProperty("completionMode").GetString());
    }

    [Fact]
    public void A_manifest_plans_into_the_named_derivatives_folder()
    {
        string anat = Path.Combine(_bids, "sub-01", "ses-1", "anat");
        File.WriteAllText(_folder.File("cohort.tsv"), $"subject\tsession\tflair\tt1\nA\t1\t{anat}/sub-01_ses-1_FLAIR.nii.gz\t{anat}/sub-01_ses-1_T1w.nii.gz\n");
        var plan = CliRunner.Run(["cohort", "plan", "--manifest", _folder.File("cohort.tsv"), "--out", _folder.File("out"), "--model", SyntheticCohort.Model, .. SyntheticCohort.CheapOptions]);
        Assert.True(plan.ExitCode == 0, plan.Error);
        Assert.Contains("planned 1 task(s) (0 with ground truth)", plan.Out);
        var status = CliRunner.Run("cohort", "status", _folder.File("out"), "--list");
        Assert.Contains("pending\tsub-A_ses-1\tsub-A/ses-1/anat/sub-A_ses-1", status.Out);
        CliRunner.AssertBadInput(CliRunner.Run("cohort", "plan", "--manifest", _folder.File("cohort.tsv"), "--model", SyntheticCohort.Model), "--out");
    }

    [Fact]
    public void Gather_of_an_unrun_plan_is_refused()
    {
        Assert.Equal(0, Plan().ExitCode);
        CliRunner.AssertBadInput(CliRunner.Run("cohort", "gather", _bids), "3 of 3 task(s) are not complete", "--partial");
    }

    [Fact]
    public void Usage_errors_are_one_error_line()
    {
        CliRunner.AssertBadInput(CliRunner.Run("cohort", "plan", "--model", SyntheticCohort.Model), "exactly one of --bids DIR and --manifest TSV");
        CliRunner.AssertBadInput(CliRunner.Run("cohort", "plan", "--bids", _bids, "--truth-derivatives", "nope", "--model", SyntheticCohort.Model), "--truth-derivatives");
        CliRunner.AssertBadInput(CliRunner.Run("cohort", "plan", "--manifest", _folder.File("none.tsv"), "--out", _folder.File("d")), "none.tsv", "does not exist");
        CliRunner.AssertBadInput(CliRunner.Run("cohort", "plan", "--bids", _bids, "--samples", "0"), "--samples must be between 1 and 10000");
        CliRunner.AssertBadInput(CliRunner.Run("cohort", "status", _folder.File("nothing")), "cohort-plan.json", "ies cohort plan");
        Assert.Equal(0, Plan().ExitCode);
        CliRunner.AssertBadInput(CliRunner.Run("cohort", "run", _bids, "--shard", "3/3"), "--shard", "0 ≤ i < n");
        CliRunner.AssertBadInput(CliRunner.Run("cohort", "slurm", _bids, "--shards", "4"), "--shards 4", "at most 3");
        CliRunner.AssertBadInput(CliRunner.Run("cohort", "k8s", _bids, "--shards", "2", "--claim", "data"), "--image");
        File.WriteAllText(Path.Combine(Derivatives, "cohort-plan.json"), "{ \"tasks\": ");
        CliRunner.AssertBadInput(CliRunner.Run("cohort", "status", _bids), "not a cohort plan");
    }
}
