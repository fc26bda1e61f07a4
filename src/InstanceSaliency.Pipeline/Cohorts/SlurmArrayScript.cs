using System.Globalization;
using System.Text;

namespace InstanceSaliency.Pipeline.Cohorts;

/// <summary>
/// The sbatch script of `ies cohort slurm`: one array job of <see cref="Settings.Shards"/> tasks,
/// <c>--array=0-(n-1)</c>, each running <c>ies cohort run DERIVATIVES --shard env</c> (the shard is
/// SLURM_ARRAY_TASK_ID of SLURM_ARRAY_TASK_COUNT; see <see cref="Shard.FromEnvironment"/>). LibTorch's threads follow
/// the CPUs Slurm gives the task. Logs go to DERIVATIVES/logs/slurm-&lt;job&gt;_&lt;task&gt;.out.
/// </summary>
public static class SlurmArrayScript
{
    /// <summary>Default memory per array task: the measured peak of one worker on a whole-brain scan with headroom (README, Benchmarks).</summary>
    public const string DefaultMemory = "4G";

    /// <summary>Default CPUs per array task.</summary>
    public const int DefaultCpusPerTask = 4;

    /// <summary>Script settings; null values leave Slurm's (or the cluster's) defaults.</summary>
    public sealed record Settings(int Shards, string Ies, int CpusPerTask = DefaultCpusPerTask, string Memory = DefaultMemory,
        string? Time = null, string? Partition = null, int? MaxRunning = null, string JobName = "ies-cohort");

    /// <summary>Folder of the job logs inside the derivatives folder (sbatch needs it to exist).</summary>
    public const string LogFolder = "logs";

    public static string Text(string derivatives, Settings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Shards < 1) throw new ArgumentOutOfRangeException(nameof(settings), "Shards must be ≥ 1.");
        var c = CultureInfo.InvariantCulture;
        var s = new StringBuilder();
        s.Append("#!/bin/bash\n");
        s.Append("# Written by `ies cohort slurm`: every array task runs one shard of the plan in ").Append(derivatives).Append(".\n");
        s.Append("# Submit with `sbatch` on this file; rerunning (or resubmitting) skips the tasks already complete.\n");
        s.Append(c, $"#SBATCH --job-name={settings.JobName}\n");
        s.Append(c, $"#SBATCH --array=0-{settings.Shards - 1}{(settings.MaxRunning is int m ? $"%{m}" : "")}\n");
        s.Append(c, $"#SBATCH --ntasks=1\n");
        s.Append(c, $"#SBATCH --cpus-per-task={settings.CpusPerTask}\n");
        s.Append(c, $"#SBATCH --mem={settings.Memory}\n");
        if (settings.Time is not null) s.Append(c, $"#SBATCH --time={settings.Time}\n");
        if (settings.Partition is not null) s.Append(c, $"#SBATCH --partition={settings.Partition}\n");
        s.Append(c, $"#SBATCH --output={Path.Combine(derivatives, LogFolder)}/slurm-%A_%a.out\n");
        s.Append("set -euo pipefail\n");
        s.Append("export OMP_NUM_THREADS=\"${SLURM_CPUS_PER_TASK:-1}\"\n");
        s.Append("exec ").Append(ShellQuote(settings.Ies)).Append(" cohort run ").Append(ShellQuote(derivatives)).Append(" --shard env\n");
        return s.ToString();
    }

    /// <summary>A POSIX shell word: single quotes, with embedded quotes as <c>'\''</c>.</summary>
    public static string ShellQuote(string word) => "'" + word.Replace("'", "'\\''") + "'";
}
