using InstanceSaliency.Imaging;
using System.CommandLine;
using InstanceSaliency.Reporting;

namespace InstanceSaliency.Cli.Commands;

/// <summary>
/// `ies report RUN_DIR [--analysis DIR] [--out DIR]`: the browser report of an explain run (index.html, per-lesion
/// figures, the NiiVue view), self-contained, for file:// or `ies serve`. Default output: RUN_DIR/report.
/// </summary>
static class ReportCommand
{
    public static Command Create(CliConsole console)
    {
        var run = new Argument<string>("RUN_DIR") { Description = "Output folder of `ies explain` (lesions.tsv, run.json, maps/)." };
        var analysis = new Option<string?>("--analysis") { Description = "Folder of analysis plots (*.png, *.svg) to include." };
        var output = new Option<string?>("--out") { Description = "Report folder (default: RUN_DIR/report)." };
        var command = new Command("report", "Write a self-contained browser report of an explain run: lesion table, figures, NiiVue view.")
        {
            run, analysis, output,
        };
        command.SetAction(parsed =>
        {
            string runFolder = parsed.GetValue(run)!;
            string folder = OutputFolder.Prepare(parsed.GetValue(output) ?? Path.Combine(runFolder, "report"), output.Name);
            string index = ReportBuilder.Build(runFolder, folder, new ReportOptions { AnalysisFolder = parsed.GetValue(analysis) },
                new LineProgress(console.Error, "report"));
            console.Out.WriteLine($"wrote {index} (open it in a browser, or `ies serve {Path.GetDirectoryName(index)}`)");
            return CommandLineApp.Success;
        });
        return command;
    }
}
