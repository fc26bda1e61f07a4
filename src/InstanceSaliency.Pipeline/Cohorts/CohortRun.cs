using InstanceSaliency.Analysis.ExplainFolder;
using System.Diagnostics;
using InstanceSaliency.Pipeline.Explanation;
using InstanceSaliency.Imaging;
using InstanceSaliency.Models.Checkpoints;
using InstanceSaliency.Models.Runtime;

namespace InstanceSaliency.Pipeline.Cohorts;

/// <summary>
/// `ies cohort run`: the tasks of one shard of a plan, one scan at a time. A complete task (<see cref="TaskState"/>)
/// is skipped; any other is cleared and redone: ExplainRun into a temporary folder beside the final one, its
/// run.json, one rename into place, then the <see cref="TaskMarker"/>. A kill at any moment therefore loses only
/// the task in progress and leaves nothing that passes for complete. A task whose input is refused (e.g. FLAIR and
/// T1 on different grids) is reported and the shard goes on; the run then ends with an error naming them.
/// </summary>
public sealed class CohortRun(CohortPlan plan, string derivatives)
{
    /// <summary>What the shard did.</summary>
    public sealed record Summary(Shard Shard, int Tasks, int Skipped, int Done, IReadOnlyList<string> Failed, double Seconds);

    /// <summary>Loads the plan's model, refusing a tool version or a model file other than the plan's.</summary>
    public static SegmentationModel LoadModel(CohortPlan plan, ComputeContext context)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (plan.Version != RunRecordFile.ToolVersion)
            throw new InvalidInputException($"the plan was made by InstanceSaliency {plan.Version}, this is {RunRecordFile.ToolVersion}; run `ies cohort plan` again with this version (complete " +
                $"tasks of the old plan are then redone).");
        string path = EmbeddedModel.Resolve(plan.Configuration.ModelPath);
        if (!File.Exists(path)) throw new InvalidInputException($"{path}: the plan's model does not exist on this machine.");
        string sha = FileHash.Sha256(path);
        if (sha != plan.Configuration.ModelSha256)
            throw new InvalidInputException($"{path}: the model changed since the plan was made (SHA-256 {sha[..12]}…, plan " +
                $"{plan.Configuration.ModelSha256[..Math.Min(12, plan.Configuration.ModelSha256.Length)]}…); run `ies cohort plan` again.");
        return ModelLoader.Load(path, context);
    }

    public Summary Run(Shard shard, SegmentationModel model, ComputeContext context, IProgress<CohortProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(shard);
        var options = plan.Configuration.ToExplainOptions();
        options.Validate();
        string hash = plan.ConfigurationSha256;
        var tasks = shard.Select(plan.Tasks).ToList();
        var toDo = tasks.Where(t => TaskFolder.State(t, derivatives, hash) != TaskState.Complete).ToHashSet();
        var clock = Stopwatch.StartNew();
        progress?.Report(new CohortProgress("", 0, tasks.Count,
            $"shard {shard}: {tasks.Count} task(s) of {plan.Tasks.Count}; {tasks.Count - toDo.Count} complete, {toDo.Count} to do", null));

        var failed = new List<string>();
        int done = 0, position = 0;
        double working = 0;
        foreach (var task in tasks)
        {
            position++;
            if (!toDo.Contains(task))
            {
                TaskFolder.Clear(task, derivatives, includingFinal: false);
                progress?.Report(new CohortProgress(task.Id, position, tasks.Count, "complete, skipped", null));
                continue;
            }
            var started = clock.Elapsed;
            TimeSpan? Remaining(int finished) => finished == 0 ? null : TimeSpan.FromSeconds(working / finished * (toDo.Count - finished));
            progress?.Report(new CohortProgress(task.Id, position, tasks.Count, "started", Remaining(done + failed.Count)));
            try
            {
                Execute(task, model, context, options, new ExplainStep(progress, task.Id, position, tasks.Count, () => Remaining(done + failed.Count)));
                done++;
                working += (clock.Elapsed - started).TotalSeconds;
                progress?.Report(new CohortProgress(task.Id, position, tasks.Count, $"done in {(clock.Elapsed - started).TotalSeconds:F1} s", Remaining(done + failed.Count)));
            }
            catch (InvalidInputException e)
            {
                TaskFolder.Clear(task, derivatives, includingFinal: false);
                TaskFolder.MarkFailed(task, derivatives, e.Message);
                failed.Add($"{task.Id}: {e.Message}");
                working += (clock.Elapsed - started).TotalSeconds;
                progress?.Report(new CohortProgress(task.Id, position, tasks.Count, $"failed: {e.Message}", Remaining(done + failed.Count)));
            }
        }
        return new Summary(shard, tasks.Count, tasks.Count - toDo.Count, done, failed, clock.Elapsed.TotalSeconds);
    }

    void Execute(CohortTask task, SegmentationModel model, ComputeContext context, ExplainOptions options, IProgress<ExplainProgress> progress)
    {
        TaskFolder.Clear(task, derivatives, includingFinal: true);
        string temporary = TaskFolder.CreateTemporary(task, derivatives);
        var result = new ExplainRun(model, context, options).Run(task.Scan, temporary, progress);
        string folder = task.FolderIn(derivatives);
        Directory.Move(temporary, folder);
        TaskMarker.Write(folder, task, plan.ConfigurationSha256);
    }

    /// <summary>Explain progress of the task in progress, as cohort progress lines.</summary>
    sealed class ExplainStep(IProgress<CohortProgress>? target, string id, int position, int count, Func<TimeSpan?> remaining) : IProgress<ExplainProgress>
    {
        public void Report(ExplainProgress value)
        {
            if (target is null || value.Step is "estimate" or "done") return;
            string units = value.Total > 0 ? $" [{value.Done}/{value.Total}]" : "";
            target.Report(new CohortProgress(id, position, count, value.Step + units, remaining()));
        }
    }
}
