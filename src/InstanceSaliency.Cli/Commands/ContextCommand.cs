using InstanceSaliency.Cli.Options;
using System.CommandLine;
using System.Globalization;
using InstanceSaliency.Pipeline.Experiments;
using InstanceSaliency.Pipeline.Experiments.Context;

namespace InstanceSaliency.Cli.Commands;

/// <summary>
/// `ies context --flair F --t1 T [--truth GT] [--model M] --out DIR [--max-radius R] [--step s] …` (method.md §8):
/// the context curve of every lesion (input zeroed beyond r mm of the lesion), pooled curves and the context radius.
/// </summary>
static class ContextCommand
{
    public static Command Create(CliConsole console)
    {
        var inputs = new ScanInputOptions();
        var maxRadius = new Option<double>("--max-radius") { Description = "Largest kept radius R around the lesion (mm).", DefaultValueFactory = _ => ContextOptions.DefaultMaximumRadiusMm };
        maxRadius.Require(v => double.IsFinite(v) && v >= 0, "a finite number of mm ≥ 0");
        var step = new Option<double>("--step") { Description = "Step between radii (mm).", DefaultValueFactory = _ => ContextOptions.DefaultStepMm };
        step.Require(v => double.IsFinite(v) && v > 0, "a finite number of mm > 0");
        var fraction = new Option<double>("--plateau-fraction") { Description = "The context radius is the smallest r reaching this fraction of the unmasked mean " +
            "probability.", DefaultValueFactory = _ => ContextOptions.DefaultPlateauFraction };
        fraction.Require(v => v > 0 && v <= 1, "in (0, 1]");
        var command = new Command("context", "Context needed: each lesion's probability as the input is zeroed beyond r mm of it; pooled curves and the context radius.");
        inputs.AddTo(command);
        command.Options.Add(maxRadius);
        command.Options.Add(step);
        command.Options.Add(fraction);
        command.SetAction(parsed =>
        {
            var options = new ContextOptions
            {
                MaximumRadiusMm = parsed.GetValue(maxRadius),
                StepMm = parsed.GetValue(step),
                PlateauFraction = parsed.GetValue(fraction),
                Threshold = parsed.GetValue(inputs.Threshold),
                MinimumLesionVoxels = parsed.GetValue(inputs.MinimumSize),
                LesionIds = inputs.LesionIds(parsed),
                MaximumLesions = parsed.GetValue(inputs.MaximumLesions),
            };
            options.Validate();
            var paths = inputs.Paths(parsed);
            string folder = inputs.PrepareOutput(parsed);
            var context = inputs.Context(parsed);
            using var model = inputs.LoadModel(parsed, context);
            var progress = new LineProgress(console.Error, "context");
            var scan = ExperimentScan.Load(paths, model, context, options.Threshold, options.MinimumLesionVoxels, inputs.LesionConnectivity(parsed));
            foreach (string warning in scan.Warnings) progress.Warn(warning); // shown with the first progress line: a refusal stays one error line
            var result = new ContextExperiment(model, context, options).Run(scan, progress);
            ContextOutputs.Write(folder, result, options, ExperimentProvenance.Of(paths, model, parsed.GetValue(inputs.Seed), scan));
            var c = CultureInfo.InvariantCulture;
            var headline = result.Pooled(result.HeadlineGroup);
            console.Out.WriteLine($"context radius ({headline.Group} lesions, the headline): {Mm(headline.ContextRadiusMm)}");
            foreach (var group in result.Groups.Select(result.Pooled))
            {
                var radii = group.LesionRadiiMm.Where(double.IsFinite).Order().ToArray();
                string median = radii.Length == 0 ? "none within R" : string.Create(c, $"median {radii[radii.Length / 2]:0.##} mm");
                console.Out.WriteLine(string.Create(c,
                    $"{group.Group}: {group.Lesions} lesion(s); pooled context radius {Mm(group.ContextRadiusMm)}, settling radius {Mm(group.SettlingRadiusMm)}; lesion radii {median} " +
                        $"({group.LesionRadiiMm.Count(r => !double.IsFinite(r))} beyond R)"));
            }
            console.Out.WriteLine($"wrote {Path.GetFullPath(folder)}");
            return CommandLineApp.Success;
        });
        return command;
    }

    static string Mm(double radius) => double.IsFinite(radius) ? radius.ToString("0.##", CultureInfo.InvariantCulture) + " mm" : "beyond R";
}
