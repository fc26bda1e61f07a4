namespace InstanceSaliency.Cli.Tests;

/// <summary>Runs the command line in-process and captures what it prints.</summary>
static class CliRunner
{
    public sealed record Result(int ExitCode, string Out, string Error);

    public static Result Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = CommandLineApp.Run(args, stdout, stderr);
        return new Result(code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Asserts the bad-input contract: exit 2, nothing on standard output, exactly one line starting with "error:".</summary>
    public static string AssertBadInput(Result result, params string[] mentions)
    {
        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Out);
        var lines = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.StartsWith("error: ", lines[0]);
        Assert.DoesNotContain("   at ", result.Error);
        foreach (string mention in mentions) Assert.Contains(mention, lines[0]);
        return lines[0];
    }
}
