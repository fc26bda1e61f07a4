using System.Diagnostics;
using System.Text.Json.Nodes;
using InstanceSaliency.TestSupport;

namespace InstanceSaliency.Cli.Tests.Commands;

/// <summary>
/// A cohort run killed with SIGKILL mid-task, then rerun, ends with exactly the files of an uninterrupted run.
/// Compared byte for byte except two fields that are legitimately time-dependent: run.json's timings_seconds (the
/// duration of each step) and, in complete.json, the size recorded for run.json (the timings' digits change it).
/// </summary>
public sealed class CohortKillTests : IDisposable
{
    readonly TemporaryDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void A_run_killed_mid_task_then_rerun_equals_an_uninterrupted_run()
    {
        string bids = _folder.File("bids");
        SyntheticCohort.WriteBids(bids, subjects: 4);
        string interrupted = _folder.File("interrupted"), reference = _folder.File("reference");
        foreach (string output in new[] { interrupted, reference })
            IesProcess.Ok(["cohort", "plan", "--bids", bids, "--truth-derivatives", "manual", "--model", SyntheticCohort.Model, "--out", output, .. SyntheticCohort.CheapOptions]);
        Assert.Equal(File.ReadAllBytes(Path.Combine(reference, "cohort-plan.json")), File.ReadAllBytes(Path.Combine(interrupted, "cohort-plan.json")));
        IesProcess.Ok("cohort", "run", reference);

        // Kill once at least one task is complete and the next is in progress (its temporary folder exists).
        using (var run = IesProcess.Start("cohort", "run", interrupted))
        {
            _ = run.StandardOutput.ReadToEndAsync();
            _ = run.StandardError.ReadToEndAsync();
            var clock = Stopwatch.StartNew();
            while (!(Markers(interrupted) >= 1 && Temporaries(interrupted) >= 1))
            {
                Assert.False(run.HasExited, "the run ended before it could be killed mid-task");
                Assert.True(clock.Elapsed < TimeSpan.FromMinutes(8), "no task completed in 8 minutes");
                Thread.Sleep(10);
            }
            run.Kill(); // SIGKILL on Unix
            run.WaitForExit();
        }
        int completeAtKill = Markers(interrupted);
        Assert.InRange(completeAtKill, 1, 4);
        // What the kill left: the task in progress as a temporary folder (or, killed between its rename and its
        // marker, a folder without marker); status must count exactly those as incomplete, none as complete.
        int unfinished = Directory.EnumerateDirectories(interrupted, "sub-*", SearchOption.AllDirectories)
            .Where(d => Path.GetFileName(Path.GetDirectoryName(d)) == "anat")
            .Count(d => !File.Exists(Path.Combine(d, "complete.json"))) + Temporaries(interrupted);
        Assert.True(unfinished >= 1 || completeAtKill == 4, "the kill left no trace of the task in progress");
        var status = IesProcess.Ok("cohort", "status", interrupted);
        Assert.Contains($"4 task(s): {completeAtKill} complete, {unfinished} incomplete, {4 - completeAtKill - unfinished} pending", status.Out);

        var rerun = IesProcess.Ok("cohort", "run", interrupted);
        Assert.Contains($"{4 - completeAtKill} task(s) done, {completeAtKill} already complete, 0 failed, of 4", rerun.Out);
        Assert.Empty(Directory.EnumerateDirectories(interrupted, ".*", SearchOption.AllDirectories));

        var files = Files(reference);
        Assert.Equal(files, Files(interrupted));
        Assert.Contains(files, f => f.EndsWith("/maps/lesion-0001_smoothgrad_flair.nii.gz", StringComparison.Ordinal));
        foreach (string file in files)
        {
            string a = Path.Combine(reference, file), b = Path.Combine(interrupted, file);
            if (file.EndsWith("/run.json", StringComparison.Ordinal)) Assert.Equal(Without(a, "timings_seconds"), Without(b, "timings_seconds"));
            else if (file.EndsWith("/complete.json", StringComparison.Ordinal)) Assert.Equal(MarkerWithoutRunJsonSize(a), MarkerWithoutRunJsonSize(b));
            else Assert.True(File.ReadAllBytes(a).AsSpan().SequenceEqual(File.ReadAllBytes(b)), $"{file} differs");
        }

        foreach (string output in new[] { interrupted, reference })
            IesProcess.Ok("cohort", "gather", output, "--no-error-identification", "--bootstrap", "0", "--no-figures");
        var pooled = File.ReadAllLines(Path.Combine(interrupted, "group", "lesions.tsv"));
        Assert.Equal(File.ReadAllLines(Path.Combine(reference, "group", "lesions.tsv")), pooled);
        var keys = pooled.Skip(1).Select(l => string.Join('\t', l.Split('\t').Take(4))).ToList();
        Assert.True(keys.Count >= 4, $"only {keys.Count} lesion rows");
        Assert.Equal(keys.Count, keys.Distinct().Count());
    }

    static int Markers(string folder) => Directory.EnumerateFiles(folder, "complete.json", SearchOption.AllDirectories).Count();

    static int Temporaries(string folder) => Directory.EnumerateDirectories(folder, ".sub-*.partial-*", SearchOption.AllDirectories).Count();

    static List<string> Files(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(folder, f).Replace('\\', '/')).Order(StringComparer.Ordinal).ToList();

    static string Without(string path, string key)
    {
        var json = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        Assert.True(json.Remove(key), $"{path} has no {key}");
        return json.ToJsonString();
    }

    static string MarkerWithoutRunJsonSize(string path)
    {
        var json = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        var runJson = json["outputs"]!.AsArray().Single(o => (string)o!["path"]! == "run.json")!.AsObject();
        Assert.True(runJson.Remove("bytes"));
        return json.ToJsonString();
    }
}
