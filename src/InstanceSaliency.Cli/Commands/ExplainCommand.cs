using System.CommandLine;
using System.Globalization;
using InstanceSaliency.Cli.Options;
using InstanceSaliency.Models.Checkpoints;
using InstanceSaliency.Models.Runtime;
using InstanceSaliency.Pipeline.Explanation;
using InstanceSaliency.Pipeline.FalsePositives;

namespace InstanceSaliency.Cli.Commands;

/// <summary>
/// `ies explain --flair F --t1 T [--truth GT] [--model M] --out DIR [--methods …] [--samples N] [--noise f]
/// [--seed S] [--min-size K] [--lesions ID,…] [--cam-weights local|global] [--strategy naive|fast]`
/// (cli-contract.md): segments, finds the instances, explains each, writes maps, lesions.tsv and run.json.
/// </summary>
static class ExplainCommand
{
    public static Command Create(CliConsole console)
    {
        var scan = new ScanInputOptions("types lesions TP/FP and explains missed (FN) ones too");
        var settings = new ExplainSettingOptions();
        var lesions = CommonOptions.Lesions();
        var command = new Command("explain", "Segment a scan and explain every lesion with instance-level saliency maps and features.");
        scan.AddFilesTo(command);
        foreach (var option in settings.All) command.Options.Add(option);
        command.Options.Add(lesions);
        command.Options.Add(scan.Device);
        var fpFilter = new Option<bool>("--fp-filter") { Description = "Apply the model's false-positive filter (fp_filter in its package; `ies train fp-filter` makes one): " +
            "flagged lesions are dropped from labels.nii.gz into filtered.nii.gz and kept in lesions.tsv with filtered = true and their fp_probability." };
        command.Options.Add(fpFilter);
        command.SetAction(parsed =>
        {
            var options = settings.Read(parsed, ScanInputOptions.ParseIds(parsed.GetValue(lesions)));
            var paths = scan.Paths(parsed);
            string folder = scan.PrepareOutput(parsed);
            var context = ComputeContext.For(parsed.GetValue(scan.Device)!, seed: parsed.GetValue(settings.Seed));
            using var network = ModelLoader.Load(EmbeddedModel.Resolve(parsed.GetValue(scan.Model)), context);
            var explain = new ExplainRun(network, context, options) { Filter = parsed.GetValue(fpFilter) ? FilterVerdicts.Require(network) : null };
            explain.CheckSettings(); // e.g. --cam-layer: the layer must exist in this model, refused before segmentation
            var result = explain.Run(paths, folder, new ExplainProgressPrinter(console.Error, "explain"));
            console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"explained {result.Rows.Count} lesion(s) ({result.Lesions.Count} predicted, {result.Lesions.Missed.Count} missed) in {result.TimingsSeconds.Values.Sum():F1} s; wrote " +
                    $"{Path.GetFullPath(folder)}") + (result.FpFilter is { } f ? $"; fp-filter dropped {f.Filtered} of {f.Predicted} predicted lesion(s) from labels.nii.gz" : ""));
            return CommandLineApp.Success;
        });
        return command;
    }
}
