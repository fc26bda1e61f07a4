using InstanceSaliency.Cli.Options;
using InstanceSaliency.Lesions;
using System.CommandLine;
using System.Globalization;
using InstanceSaliency.Pipeline.Cohorts;
using InstanceSaliency.Analysis.Pooling;
using InstanceSaliency.Pipeline.Analyze;
using InstanceSaliency.Analysis.Statistics;
using InstanceSaliency.Models.Runtime;

namespace InstanceSaliency.Cli.Commands;

/// <summary>
/// `ies cohort plan|run|status|gather|slurm|k8s`: a cohort (a BIDS dataset or a manifest) as one explain task per
/// scan, with outputs in a BIDS derivatives folder, resumable and sharded runs, and the scripts that scale it out on
/// Slurm (array job) and Kubernetes (Indexed Job). Each subcommand calls one use case of Analysis/Batch.
/// </summary>
static class CohortCommand
{
    public static Command Create(CliConsole console)
    {
        var command = new Command("cohort", "Explain a whole cohort (BIDS or manifest): plan, run in shards, status, gather; Slurm and Kubernetes scripts.");
        command.Subcommands.Add(Plan(console));
        command.Subcommands.Add(Run(console));
        command.Subcommands.Add(Status(console));
        command.Subcommands.Add(Gather(console));
        command.Subcommands.Add(CohortSchedulerCommands.Slurm(console));
        command.Subcommands.Add(CohortSchedulerCommands.Kubernetes(console));
        return command;
    }

    /// <summary>The derivatives-folder argument every subcommand but plan takes.</summary>
    internal static Argument<string> Folder() =>
        new("DIR") { Description = "The derivatives folder holding cohort-plan.json (or the BIDS dataset whose derivatives/instancesaliency holds it)." };

    static Command Plan(CliConsole console)
    {
        var bids = new Option<string?>("--bids") { Description = "BIDS dataset: sub-*/[ses-*/]anat/*_FLAIR.nii.gz with *_T1w.nii.gz." };
        var truth = new Option<string?>("--truth-derivatives") { Description = "Folder under the dataset's derivatives/ holding the ground-truth *_mask.nii.gz (same sub/ses layout)." };
        var brain = new Option<string?>("--brain-mask-derivatives") { Description = "Folder under the dataset's derivatives/ holding each scan's brain mask *_desc-brain_mask.nii.gz (same " +
            "sub/ses/anat layout)." };
        var manifest = new Option<string?>("--manifest") { Description = "TSV with columns subject, flair, t1 and optionally session, truth, brain_mask (paths relative to it)." };
        var output = new Option<string?>("--out") { Description = "Derivatives folder (default for --bids: DATASET/derivatives/instancesaliency)." };
        var model = CommonOptions.Model();
        var device = CommonOptions.Device();
        var explain = new ExplainSettingOptions();
        var command = new Command("plan", "Discover the scans and fix the task list and configuration (writes cohort-plan.json and dataset_description.json).")
        {
            bids, truth, brain, manifest, output, model, device,
        };
        foreach (var option in explain.All) command.Options.Add(option);
        command.SetAction(parsed =>
        {
            var options = explain.Read(parsed);
            ComputeContext.For(parsed.GetValue(device)!);
            var result = CohortPlanner.Plan(new CohortPlanner.Source(parsed.GetValue(bids), parsed.GetValue(truth), parsed.GetValue(manifest), parsed.GetValue(brain)),
                parsed.GetValue(output), options, parsed.GetValue(model), parsed.GetValue(device)!);
            var plan = result.Plan;
            console.Out.WriteLine($"planned {plan.Tasks.Count} task(s) ({plan.Tasks.Count(t => t.Truth is not null)} with ground truth), configuration {plan.ConfigurationSha256[..12]}");
            if (result.Invalidated > 0)
                console.Out.WriteLine($"note: the configuration changed; {result.Invalidated} task(s) complete under the previous plan will be redone");
            console.Out.WriteLine($"wrote {Path.Combine(result.Derivatives, CohortPlan.FileName)}");
            return CommandLineApp.Success;
        });
        return command;
    }

    static Command Run(CliConsole console)
    {
        var folder = Folder();
        var shard = new Option<string>("--shard")
        {
            Description = "i/n: this worker's share, tasks i, i+n, … (0-based, 0 ≤ i < n); env: from SLURM_ARRAY_TASK_ID or JOB_COMPLETION_INDEX.",
            DefaultValueFactory = _ => "0/1",
        };
        var threads = new Option<int?>("--threads") { Description = "LibTorch CPU threads (default: OMP_NUM_THREADS, else one per core)." };
        var command = new Command("run", "Run the plan's tasks (or one shard of them): complete tasks are skipped, incomplete ones redone.") { folder, shard, threads };
        command.SetAction(parsed =>
        {
            if (parsed.GetValue(threads) is < 1) throw new Imaging.InvalidInputException($"--threads must be ≥ 1; got {parsed.GetValue(threads)}.");
            string derivatives = CohortPlan.Locate(parsed.GetValue(folder)!);
            var plan = CohortPlan.Read(derivatives);
            var which = Shard.Parse(parsed.GetValue(shard)!, Environment.GetEnvironmentVariable);
            var context = ComputeContext.For(plan.Configuration.Device, parsed.GetValue(threads), plan.Configuration.Seed);
            context.Apply();
            using var model = CohortRun.LoadModel(plan, context);
            var summary = new CohortRun(plan, derivatives).Run(which, model, context, new CohortProgressPrinter(console.Error));
            console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"shard {summary.Shard}: {summary.Done} task(s) done, {summary.Skipped} already complete, {summary.Failed.Count} failed, of {summary.Tasks}, in {summary.Seconds:F1} s"));
            if (summary.Failed.Count > 0)
                throw new Imaging.InvalidInputException($"{summary.Failed.Count} task(s) failed: {string.Join("; ", summary.Failed.Take(3))}{(summary.Failed.Count > 3 ? "; …" : "")}");
            return CommandLineApp.Success;
        });
        return command;
    }

    static Command Status(CliConsole console)
    {
        var folder = Folder();
        var json = new Option<bool>("--json") { Description = "One JSON document: counts and every task's state." };
        var list = new Option<bool>("--list") { Description = "Also list the tasks that are not complete." };
        var command = new Command("status", "Count complete, incomplete, pending and failed tasks.") { folder, json, list };
        command.SetAction(parsed =>
        {
            string derivatives = CohortPlan.Locate(parsed.GetValue(folder)!);
            var status = CohortStatus.Of(CohortPlan.Read(derivatives), derivatives);
            if (parsed.GetValue(json))
            {
                console.Out.WriteLine(Json.Serialize(new
                {
                    Derivatives = derivatives,
                    status.Tasks, status.Complete, status.Incomplete, status.Pending, status.Failed,
                    Entries = status.Entries.Select(e => new { e.Id, e.Output, State = e.State.ToString().ToLowerInvariant() }),
                }));
                return CommandLineApp.Success;
            }
            console.Out.WriteLine($"{status.Tasks} task(s): {status.Complete} complete, {status.Incomplete} incomplete, {status.Pending} pending, {status.Failed} failed");
            if (parsed.GetValue(list))
                foreach (var e in status.Entries.Where(e => e.State != TaskState.Complete))
                    console.Out.WriteLine($"{e.State.ToString().ToLowerInvariant()}\t{e.Id}\t{e.Output}");
            return CommandLineApp.Success;
        });
        return command;
    }

    static Command Gather(CliConsole console)
    {
        var folder = Folder();
        var partial = new Option<bool>("--partial") { Description = "Gather the complete tasks even when others are not." };
        var seed = new Option<long>("--seed") { Description = "Seed of the bootstrap and of the folds.", DefaultValueFactory = _ => 0 };
        var bootstrap = new Option<int>("--bootstrap") { Description = "Bootstrap resamples B of every AUC interval (0: none).", DefaultValueFactory = _ => BootstrapOptions.DefaultResamples };
        bootstrap.Require(v => v >= 0, "≥ 0");
        var noErrors = new Option<bool>("--no-error-identification") { Description = "Skip the TP-vs-FP classifier." };
        var noFigures = new Option<bool>("--no-figures") { Description = "Write the tables only." };
        var command = new Command("gather", "Pool the per-lesion tables into group/lesions.tsv and run analyze into group/.") { folder, partial, seed, bootstrap, noErrors, noFigures };
        command.SetAction(parsed =>
        {
            string derivatives = CohortPlan.Locate(parsed.GetValue(folder)!);
            var options = new AnalyzeOptions
            {
                Seed = parsed.GetValue(seed),
                BootstrapResamples = parsed.GetValue(bootstrap),
                ErrorIdentification = !parsed.GetValue(noErrors),
                Figures = !parsed.GetValue(noFigures),
            };
            var result = CohortGather.Run(CohortPlan.Read(derivatives), derivatives, options, parsed.GetValue(partial), new LineProgress(console.Error, "cohort gather"));
            console.Out.WriteLine($"gathered {result.Rows} lesion row(s) from {result.Pooled} of {result.Tasks} scan(s) into {result.Table}");
            if (result.Analysis is { } a)
            {
                var lesions = a.Cohort.Lesions;
                console.Out.WriteLine($"analysed {a.Analysed.Count} column(s) of {lesions.Count} lesion(s) (TP {lesions.Count(l => l.Type == LesionType.TruePositive)}, FP " +
                    $"{lesions.Count(l => l.Type == LesionType.FalsePositive)}, FN {lesions.Count(l => l.Type == LesionType.FalseNegative)})");
            }
            foreach (string note in result.Notes) console.Out.WriteLine($"note: {note}");
            console.Out.WriteLine($"wrote {Path.Combine(derivatives, CohortGather.GroupFolder)}");
            return CommandLineApp.Success;
        });
        return command;
    }
}
