using InstanceSaliency.TestSupport;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace InstanceSaliency.Cli.Tests.Commands;

/// <summary>
/// A single-node Slurm on localhost for one test (platform-notes.md, "Slurm on one machine"): munged, slurmctld and
/// slurmd from Debian's packages run in the foreground as children of the test, with every file (munge key, socket,
/// slurm.conf, cgroup.conf, state, spool, logs) in one temporary folder and free non-default ports. Dispose cancels
/// every job, waits for an empty queue, then stops the daemons.
/// </summary>
sealed class LocalSlurm : IDisposable
{
    static readonly string[] Tools = ["munged", "slurmctld", "slurmd", "sbatch", "squeue", "scancel", "sinfo"];

    readonly string _folder;
    readonly List<Process> _daemons = [];

    /// <summary>Why the Slurm test cannot run here (not root, or a tool missing), or null.</summary>
    public static string? Unavailable()
    {
        if (Environment.UserName != "root" && Environment.GetEnvironmentVariable("USER") != "root" && !IsRoot())
            return "the Slurm test starts slurmctld/slurmd/munged and needs root";
        var missing = Tools.Where(t => Which(t) is null).ToList();
        return missing.Count == 0 ? null : $"Slurm or munge missing ({string.Join(", ", missing)}): apt-get install slurmctld slurmd slurm-client munge, or run ./run-tests as root";
    }

    public LocalSlurm(string folder)
    {
        _folder = folder;
        Directory.CreateDirectory(folder);
        foreach (string sub in new[] { "state", "spool" }) Directory.CreateDirectory(Path.Combine(folder, sub));
        File.WriteAllBytes(Key, System.Security.Cryptography.RandomNumberGenerator.GetBytes(1024));
        if (OperatingSystem.IsLinux()) File.SetUnixFileMode(Key, UnixFileMode.UserRead); // munged refuses a key others can read
        int controller = LoopbackPort.Free(), daemon = LoopbackPort.Free();
        File.WriteAllText(Path.Combine(folder, "cgroup.conf"), "CgroupPlugin=cgroup/v1\n");
        File.WriteAllText(Conf, $"""
            ClusterName=iestest
            SlurmctldHost=localhost
            SlurmctldPort={controller}
            SlurmdPort={daemon}
            SlurmUser=root
            SlurmdUser=root
            AuthType=auth/munge
            CredType=cred/munge
            AuthInfo=socket={Socket}
            StateSaveLocation={folder}/state
            SlurmdSpoolDir={folder}/spool
            SlurmctldPidFile={folder}/slurmctld.pid
            SlurmdPidFile={folder}/slurmd.pid
            SlurmctldLogFile={folder}/slurmctld.log
            SlurmdLogFile={folder}/slurmd.log
            ProctrackType=proctrack/linuxproc
            TaskPlugin=task/none
            JobAcctGatherType=jobacct_gather/none
            AccountingStorageType=accounting_storage/none
            SchedulerType=sched/builtin
            SelectType=select/cons_tres
            SelectTypeParameters=CR_Core
            ReturnToService=2
            MpiDefault=none
            NodeName=localhost CPUs={Environment.ProcessorCount} RealMemory=1000 State=UNKNOWN
            PartitionName=debug Nodes=localhost Default=YES MaxTime=INFINITE State=UP

            """);
        Start("munged", "--foreground", "--force", "--key-file", Key, "--socket", Socket, "--pid-file", Path.Combine(folder, "munged.pid"),
            "--log-file", Path.Combine(folder, "munged.log"), "--seed-file", Path.Combine(folder, "munged.seed"));
        WaitFor(() => File.Exists(Socket), "munged's socket");
        Start("slurmctld", "-D", "-c", "-f", Conf);
        Start("slurmd", "-D", "-N", "localhost", "-f", Conf);
        WaitFor(() => Command("sinfo", "-h", "-o", "%T").Out.Trim() is "idle", "the node to be idle (sinfo)");
    }

    string Key => Path.Combine(_folder, "munge.key");
    string Socket => Path.Combine(_folder, "munge.sock");
    public string Conf => Path.Combine(_folder, "slurm.conf");

    /// <summary>Runs a Slurm client command against this cluster.</summary>
    public (int Code, string Out, string Error) Command(string tool, params string[] args)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["SLURM_CONF"] = Conf;
        foreach (string arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60))) { process.Kill(true); return (-1, "", $"{tool} timed out"); }
        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>Waits until the queue is empty (every job finished), at most <paramref name="timeout"/>.</summary>
    public bool WaitForEmptyQueue(TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            var queue = Command("squeue", "-h");
            if (queue.Code == 0 && queue.Out.Trim().Length == 0) return true;
            Thread.Sleep(500);
        }
        return false;
    }

    /// <summary>The daemons' logs, for failure messages.</summary>
    public string Logs() => string.Join("\n", new[] { "slurmctld.log", "slurmd.log", "munged.log" }
        .Select(f => Path.Combine(_folder, f)).Where(File.Exists).Select(f => $"--- {f}\n" + string.Join("\n", File.ReadAllLines(f).TakeLast(15))));

    public void Dispose()
    {
        if (_daemons.Count >= 3)
        {
            Command("scancel", "--user", "root");
            WaitForEmptyQueue(TimeSpan.FromSeconds(30));
        }
        foreach (var daemon in Enumerable.Reverse(_daemons))
        {
            if (!daemon.HasExited) Signal(daemon.Id, "TERM");
            if (!daemon.WaitForExit(TimeSpan.FromSeconds(10))) daemon.Kill();
            daemon.WaitForExit();
            daemon.Dispose();
        }
    }

    void Start(string tool, params string[] args)
    {
        var start = new ProcessStartInfo(Which(tool)!) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["SLURM_CONF"] = Conf;
        foreach (string arg in args) start.ArgumentList.Add(arg);
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _daemons.Add(process);
        Thread.Sleep(200);
        if (process.HasExited) throw new InvalidOperationException($"{tool} exited at once ({process.ExitCode}).\n{Logs()}");
    }

    void WaitFor(Func<bool> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(60)) throw new TimeoutException($"waited 60 s for {what}.\n{Logs()}");
            Thread.Sleep(200);
        }
    }

    static void Signal(int pid, string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-" + signal, pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]))!;
        kill.WaitForExit();
    }


    static bool IsRoot()
    {
        try { return File.ReadAllLines("/proc/self/status").Any(l => l.StartsWith("Uid:", StringComparison.Ordinal) && l.Split('\t', StringSplitOptions.RemoveEmptyEntries)[1] == "0"); }
        catch (IOException) { return false; }
    }

    static string? Which(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Concat(["/usr/sbin", "/sbin", "/usr/bin"])
            .Select(d => Path.Combine(d, tool)).FirstOrDefault(File.Exists);
}

/// <summary>A fact that is skipped, with the reason, where <see cref="LocalSlurm"/> cannot run.</summary>
sealed class SlurmFactAttribute : FactAttribute
{
    public SlurmFactAttribute()
    {
        if (LocalSlurm.Unavailable() is { } reason) Skip = reason;
    }
}
