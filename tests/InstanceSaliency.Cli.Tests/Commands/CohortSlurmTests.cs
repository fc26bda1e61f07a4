using InstanceSaliency.TestSupport;

namespace InstanceSaliency.Cli.Tests.Commands;

/// <summary>The generated sbatch array script on a real single-node Slurm: three array tasks over a five-scan cohort, then gather.</summary>
public sealed class CohortSlurmTests : IDisposable
{
    readonly TemporaryDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    [SlurmFact]
    public void An_array_job_of_three_shards_completes_every_task_and_gathers()
    {
        string bids = _folder.File("bids");
        SyntheticCohort.WriteBids(bids, subjects: 5);
        IesProcess.Ok(["cohort", "plan", "--bids", bids, "--truth-derivatives", "manual", "--model", SyntheticCohort.Model, .. SyntheticCohort.CheapOptions]);
        string derivatives = Path.Combine(bids, "derivatives", "instancesaliency");
        IesProcess.Ok("cohort", "slurm", bids, "--shards", "3", "--cpus", "1", "--mem", "200M");
        string script = Path.Combine(derivatives, "cohort.sbatch");

        using var slurm = new LocalSlurm(_folder.File("slurm"));
        var submitted = slurm.Command("sbatch", "--parsable", script);
        Assert.True(submitted.Code == 0, $"sbatch failed: {submitted.Error}\n{slurm.Logs()}");
        string job = submitted.Out.Trim().Split(';')[0];
        Assert.True(slurm.WaitForEmptyQueue(TimeSpan.FromMinutes(8)), $"the array job {job} did not finish in 8 minutes\n{slurm.Logs()}");

        // sbatch and the queue say little (a task can fail silently): the outputs decide.
        var logs = Directory.GetFiles(Path.Combine(derivatives, "logs"), $"slurm-{job}_*.out").Order().ToList();
        Assert.Equal([0, 1, 2], logs.Select(l => int.Parse(Path.GetFileNameWithoutExtension(l).Split('_')[^1], System.Globalization.CultureInfo.InvariantCulture)).Order());
        string Log(int task) => File.ReadAllText(Path.Combine(derivatives, "logs", $"slurm-{job}_{task}.out"));
        Assert.Contains("shard 0/3: 2 task(s) done, 0 already complete, 0 failed, of 2", Log(0));
        Assert.Contains("shard 1/3: 2 task(s) done", Log(1));
        Assert.Contains("shard 2/3: 1 task(s) done", Log(2));

        var status = IesProcess.Ok("cohort", "status", bids);
        Assert.StartsWith("5 task(s): 5 complete, 0 incomplete, 0 pending", status.Out);
        var gather = IesProcess.Ok("cohort", "gather", bids, "--no-error-identification", "--bootstrap", "0", "--no-figures");
        Assert.Contains("from 5 of 5 scan(s)", gather.Out);
        var pooled = File.ReadAllLines(Path.Combine(derivatives, "group", "lesions.tsv"));
        Assert.Equal(["sub-01", "sub-02", "sub-03", "sub-04", "sub-05"], pooled.Skip(1).Select(l => l.Split('\t')[0]).Distinct());
        Assert.True(File.Exists(Path.Combine(derivatives, "group", "summary.json")));
    }
}
