using InstanceSaliency.Cli.Options;
using System.CommandLine;
using InstanceSaliency.Pipeline.Cohorts;
using InstanceSaliency.Imaging;

namespace InstanceSaliency.Cli.Commands;

/// <summary>
/// `ies cohort slurm` and `ies cohort k8s`: write the scheduler's job (an sbatch array script, an Indexed Job
/// manifest) whose every task runs `ies cohort run DIR --shard env`. Nothing is submitted.
/// </summary>
static class CohortSchedulerCommands
{
    public static Command Slurm(CliConsole console)
    {
        var folder = CohortCommand.Folder();
        var shards = Shards();
        var cpus = Cpus();
        var memory = new Option<string>("--mem") { Description = "Memory per array task (sbatch --mem).", DefaultValueFactory = _ => SlurmArrayScript.DefaultMemory };
        var time = new Option<string?>("--time") { Description = "Time limit per array task (sbatch --time, e.g. 2-00:00:00)." };
        var partition = new Option<string?>("--partition") { Description = "Slurm partition." };
        var maxRunning = new Option<int?>("--max-running") { Description = "At most this many array tasks at once (--array=…%K)." };
        var ies = new Option<string?>("--ies") { Description = "The ies program the jobs run (default: this one)." };
        var output = new Option<string?>("--out") { Description = "Script file (default: DIR/cohort.sbatch)." };
        var command = new Command("slurm", "Write an sbatch array script: one array task per shard (SLURM_ARRAY_TASK_ID → shard).")
        { folder, shards, cpus, memory, time, partition, maxRunning, ies, output };
        command.SetAction(parsed =>
        {
            string derivatives = CohortPlan.Locate(parsed.GetValue(folder)!);
            var plan = CohortPlan.Read(derivatives);
            int n = Count(parsed.GetValue(shards), plan);
            if (parsed.GetValue(maxRunning) is < 1) throw new InvalidInputException($"--max-running must be ≥ 1; got {parsed.GetValue(maxRunning)}.");
            var settings = new SlurmArrayScript.Settings(n, parsed.GetValue(ies) ?? ThisProgram(), parsed.GetValue(cpus), parsed.GetValue(memory)!,
                parsed.GetValue(time), parsed.GetValue(partition), parsed.GetValue(maxRunning));
            string file = Path.GetFullPath(parsed.GetValue(output) ?? Path.Combine(derivatives, "cohort.sbatch"));
            Directory.CreateDirectory(Path.Combine(derivatives, SlurmArrayScript.LogFolder));
            AtomicFile.WriteText(file, SlurmArrayScript.Text(derivatives, settings));
            console.Out.WriteLine($"wrote {file}: {n} array task(s) over {plan.Tasks.Count} scan(s); submit with: sbatch {SlurmArrayScript.ShellQuote(file)}");
            return CommandLineApp.Success;
        });
        return command;
    }

    public static Command Kubernetes(CliConsole console)
    {
        var folder = CohortCommand.Folder();
        var shards = Shards();
        var cpus = Cpus();
        var image = new Option<string>("--image") { Description = "Container image holding the ies program.", Required = true };
        var claim = new Option<string>("--claim") { Description = "PersistentVolumeClaim holding the dataset and the derivatives folder.", Required = true };
        var mount = new Option<string?>("--mount-path") { Description = "Where the claim is mounted (default: the deepest folder holding the data and the derivatives, as paths in the plan are " +
            "absolute)." };
        var parallelism = new Option<int?>("--parallelism") { Description = "Pods at once (default: all shards)." };
        var memory = new Option<string>("--memory") { Description = "Memory request and limit per pod.", DefaultValueFactory = _ => "4Gi" };
        var ies = new Option<string>("--ies") { Description = "The ies program inside the image.", DefaultValueFactory = _ => "ies" };
        var json = new Option<bool>("--json") { Description = "Write JSON instead of YAML (kubectl takes both)." };
        var output = new Option<string?>("--out") { Description = "Manifest file (default: DIR/cohort-job.yaml, or .json)." };
        var command = new Command("k8s", "Write a Kubernetes Indexed Job: one completion per shard (JOB_COMPLETION_INDEX → shard).")
        { folder, shards, cpus, image, claim, mount, parallelism, memory, ies, json, output };
        command.SetAction(parsed =>
        {
            string derivatives = CohortPlan.Locate(parsed.GetValue(folder)!);
            var plan = CohortPlan.Read(derivatives);
            int n = Count(parsed.GetValue(shards), plan);
            if (parsed.GetValue(parallelism) is < 1) throw new InvalidInputException($"--parallelism must be ≥ 1; got {parsed.GetValue(parallelism)}.");
            string mountPath = parsed.GetValue(mount) ?? IndexedJobManifest.CommonFolder(plan, derivatives);
            var settings = new IndexedJobManifest.Settings(n, parsed.GetValue(image)!, parsed.GetValue(claim)!, mountPath, parsed.GetValue(ies)!,
                parsed.GetValue(parallelism), parsed.GetValue(cpus), parsed.GetValue(memory)!);
            var manifest = IndexedJobManifest.Build(derivatives, settings);
            bool asJson = parsed.GetValue(json);
            string file = Path.GetFullPath(parsed.GetValue(output) ?? Path.Combine(derivatives, asJson ? "cohort-job.json" : "cohort-job.yaml"));
            AtomicFile.WriteText(file, asJson ? manifest.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }) + "\n" : YamlText.Write(manifest));
            console.Out.WriteLine($"wrote {file}: Indexed Job of {n} completion(s) over {plan.Tasks.Count} scan(s), claim {settings.Claim} at {mountPath}; start with: kubectl apply -f {file}");
            return CommandLineApp.Success;
        });
        return command;
    }

    static Option<int> Shards() =>
        new Option<int>("--shards") { Description = "Number of shards n (array tasks / completions); at most the number of scans.", Required = true }.Require(v => v >= 1, "≥ 1");

    static Option<int> Cpus() =>
        new Option<int>("--cpus") { Description = "CPUs per worker (LibTorch threads).", DefaultValueFactory = _ => SlurmArrayScript.DefaultCpusPerTask }.Require(v => v >= 1, "≥ 1");

    static int Count(int shards, CohortPlan plan) =>
        shards <= plan.Tasks.Count ? shards : throw new InvalidInputException($"--shards {shards}: more shards than the plan's {plan.Tasks.Count} task(s); use at most {plan.Tasks.Count}.");

    /// <summary>This program's path when it runs as the `ies` executable, else "ies" (found on PATH).</summary>
    static string ThisProgram() => Environment.ProcessPath is { } path && Path.GetFileName(path) == "ies" ? path : "ies";
}
