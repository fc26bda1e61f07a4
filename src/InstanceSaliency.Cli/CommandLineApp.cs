using System.CommandLine;
using InstanceSaliency.Cli.Commands;
using InstanceSaliency.Imaging;

namespace InstanceSaliency.Cli;

/// <summary>
/// The `ies` program: builds the command tree and applies the exit-code contract (cli-contract.md): 0 success,
/// 2 bad input or usage with one <c>error:</c> line on standard error, 1 internal failure. No stack traces unless
/// IES_DEBUG=1.
/// </summary>
public static class CommandLineApp
{
    public const int Success = 0;
    public const int InternalFailure = 1;
    public const int BadInput = 2;

    /// <summary>Parses <paramref name="args"/>, runs the chosen command and returns its exit code.</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        OutputFolder.BeginRun();
        int code = RunCommand(args, stdout, stderr);
        // Bad input leaves nothing behind: not even the empty output folder claimed before the input checks.
        if (code == BadInput) OutputFolder.RemoveCreatedIfEmpty();
        return code;
    }

    static int RunCommand(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var console = new CliConsole(stdout, stderr);
        var root = new RootCommand("InstanceSaliency: instance-level saliency for 3D lesion segmentation (FLAIR + T1).");
        foreach (var command in CommandCatalog.Build(console)) root.Subcommands.Add(command);

        ParseResult parsed;
        try { parsed = root.Parse(args); }
        catch (Exception e) when (e is InvalidOperationException or FormatException or ArgumentException)
        {
            stderr.WriteLine($"error: {OneLine(e.Message)}");
            return BadInput;
        }
        if (parsed.Errors.Count > 0)
        {
            string command = string.Join(' ', args.TakeWhile(a => !a.StartsWith('-')).Take(1));
            stderr.WriteLine($"error: {OneLine(parsed.Errors[0].Message)} (see `ies {(command.Length > 0 ? command + " " : "")}--help`)");
            return BadInput;
        }
        try
        {
            return parsed.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
        }
        catch (InvalidInputException e)
        {
            stderr.WriteLine($"error: {OneLine(e.Message)}");
            return BadInput;
        }
        catch (Exception e) when (Environment.GetEnvironmentVariable("IES_DEBUG") != "1")
        {
            stderr.WriteLine($"error: internal failure: {e.GetType().Name}: {OneLine(e.Message)} (set IES_DEBUG=1 for details)");
            return InternalFailure;
        }
    }

    static string OneLine(string message) =>
        string.Join(' ', message.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
