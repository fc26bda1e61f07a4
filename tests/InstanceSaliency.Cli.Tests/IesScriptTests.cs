using System.Diagnostics;
using System.Text.Json;
using InstanceSaliency.TestSupport;

namespace InstanceSaliency.Cli.Tests;

/// <summary>The `./ies` script as users run it: from another working directory, building when needed.</summary>
public sealed class IesScriptTests
{
    [Fact]
    public void Ies_runs_from_any_directory_and_keeps_stdout_pure_json()
    {
        using var folder = new TemporaryDirectory();
        string mask = RepositoryPaths.RealCase("patient19", "mask.nii.gz");
        var (code, stdout, stderr) = Run(folder.Path, "info", mask, "--json");
        Assert.True(code == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        Assert.Equal(49769, json.RootElement.GetProperty("nonzero").GetInt64());
    }

    [Fact]
    public void Ies_reports_bad_input_with_exit_2_and_one_error_line()
    {
        using var folder = new TemporaryDirectory();
        var (code, stdout, stderr) = Run(folder.Path, "info", "missing.nii");
        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        var errorLines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.StartsWith("ies: building")).ToList();
        Assert.Single(errorLines);
        Assert.StartsWith("error: missing.nii: no such file", errorLines[0]);
    }

    static (int Code, string Out, string Error) Run(string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo(Path.Combine(RepositoryPaths.Root, "ies"))
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (string arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(8)), "ies did not finish in 8 minutes");
        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}
