using System.CommandLine;
using InstanceSaliency.Imaging;
using InstanceSaliency.Imaging.Diagnostics;
using InstanceSaliency.Imaging.Nifti;
using InstanceSaliency.Lesions.Diagnostics;

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
        command.Subcommands.Add(Lesions(console));
        return command;
    }

    static Command Lesions(CliConsole console)
    {
        var masks = new Option<string[]>("--mask") { Description = "Masks to label (default: the sample scan's expert mask and a synthetic patient-sized mask).", AllowMultipleArgumentsPerToken = true };
        var repeats = Repeats();
        var command = new Command("lesions", "Connected-component labelling of 182×218×182 masks at 6/18/26-connectivity, union-find beside flood fill (target ≤ 150 ms).") { masks, repeats };
        command.SetAction(parsed =>
        {
            var paths = parsed.GetValue(masks) is { Length: > 0 } given ? given : [SampleScan.Embedded().Mask];
            foreach (string path in paths)
                LabellingBenchmark.Run(console.Out, NiftiFile.ReadMask(path), path, parsed.GetValue(repeats));
            if (parsed.GetValue(masks) is not { Length: > 0 })
                LabellingBenchmark.Run(console.Out);
            return CommandLineApp.Success;
        });
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
        return option.Require(v => v >= 1, "≥ 1");
    }
}
