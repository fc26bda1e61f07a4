using System.CommandLine;
using InstanceSaliency.Imaging;
using InstanceSaliency.Imaging.Diagnostics;

namespace InstanceSaliency.Cli.Commands;

/// <summary>
/// `ies bench ...`: speed and memory targets, each running the naive and optimised paths side by side in one
/// process and printing their ratio.
/// </summary>
static class BenchCommand
{
    public static Command Create(CliConsole console)
    {
        var command = new Command("bench", "Benchmarks: naive and optimised paths side by side, with ratios.");
        command.Subcommands.Add(Nifti(console));
        return command;
    }

    static Command Nifti(CliConsole console)
    {
        var file = new Option<string?>("--file") { Description = "A float32 .nii.gz to read and write (default: the sample FLAIR, 182×218×182)." };
        var repeats = Repeats();
        var command = new Command("nifti", "Read and write a whole-brain float32 .nii.gz (targets: read ≤ 0.3 s, write ≤ 0.6 s).") { file, repeats };
        command.SetAction(parsed =>
        {
            NiftiBenchmark.Run(parsed.GetValue(file) ?? SampleScan.Embedded().Flair, parsed.GetValue(repeats), console.Out);
            return CommandLineApp.Success;
        });
        return command;
    }

    static Option<int> Repeats()
    {
        var option = new Option<int>("--repeats") { Description = "Timed runs per path (median reported).", DefaultValueFactory = _ => 5 };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 1) result.AddError("--repeats must be ≥ 1.");
        });
        return option;
    }
}
