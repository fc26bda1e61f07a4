using System.Diagnostics;
using Xunit;

namespace InstanceSaliency.TestSupport;

/// <summary>The real `./ies` program in its own process (built in Release on first use), for tests that kill it or hand it to a scheduler.</summary>
public static class IesProcess
{
    public sealed record Result(int ExitCode, string Out, string Error);

    public static Process Start(params string[] args) => Start(new Dictionary<string, string>(), args);

    /// <summary>Starts the program with extra environment variables.</summary>
    public static Process Start(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo(Path.Combine(RepositoryPaths.Root, "ies")) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string arg in args) start.ArgumentList.Add(arg);
        foreach (var (name, value) in environment) start.Environment[name] = value;
        return Process.Start(start)!;
    }

    /// <summary>Runs to the end (at most 8 minutes: the first call may build the program).</summary>
    public static Result Run(params string[] args) => Run(new Dictionary<string, string>(), args);

    /// <summary>Runs to the end with extra environment variables.</summary>
    public static Result Run(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        using var process = Start(environment, args);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(8)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"ies {string.Join(' ', args)} did not finish in 8 minutes");
        }
        return new Result(process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>Runs and asserts exit 0, showing standard error otherwise.</summary>
    public static Result Ok(params string[] args)
    {
        var result = Run(args);
        Assert.True(result.ExitCode == 0, $"ies {string.Join(' ', args)} exited {result.ExitCode}: {result.Error}");
        return result;
    }
}
