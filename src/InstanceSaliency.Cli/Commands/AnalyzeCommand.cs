using InstanceSaliency.Imaging;
using InstanceSaliency.Cli.Options;
using InstanceSaliency.Lesions;
using System.CommandLine;
using System.Globalization;
using InstanceSaliency.Analysis.Pooling;
using InstanceSaliency.Pipeline.Analyze;
using InstanceSaliency.Analysis.Statistics;

namespace InstanceSaliency.Cli.Commands;

/// <summary>
/// `ies analyze RUN_DIR... --out DIR [--features …] [--seed S] [--bootstrap B] [--allow-mixed] …` (method.md §8):
/// pools the lesions.tsv of explain runs (one per scan), compares TP, FP and FN, identifies errors, and writes
/// tables, summary.json and figures.
/// </summary>
static class AnalyzeCommand
{
    public static Command Create(CliConsole console)
    {
        var runs = new Argument<string[]>("RUN_DIR") { Description = "Output folders of `ies explain --truth …`, one per scan.", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string>("--out") { Description = "Folder for the tables, summary.json and figures.", Required = true };
        var features = new Option<string?>("--features") { Description = "Comma-separated saliency feature columns or * patterns (e.g. smoothgrad_*_peak); default: all." };
        var seed = new Option<long>("--seed") { Description = "Seed of the bootstrap and of the folds.", DefaultValueFactory = _ => 0 };
        var bootstrap = new Option<int>("--bootstrap") { Description = "Bootstrap resamples B of every AUC interval (0: none).", DefaultValueFactory = _ => BootstrapOptions.DefaultResamples };
        bootstrap.Require(v => v >= 0, "≥ 0");
        var folds = new Option<int>("--folds") { Description = "Largest number of scan folds K (leave-one-scan-out up to K " +
            "scans).", DefaultValueFactory = _ => CrossValidationOptions.DefaultMaximumFolds };
        folds.Require(v => v >= 2, "≥ 2");
        var penalty = new Option<double>("--l2") { Description = "L2 penalty λ of the logistic regression (standardised " +
            "features).", DefaultValueFactory = _ => LogisticRegressionOptions.DefaultL2Penalty };
        penalty.Require(v => double.IsFinite(v) && v >= 0, "a finite number ≥ 0");
        var threshold = new Option<double>("--removal-threshold") { Description = "Remove lesions whose out-of-fold P(FP) is at least " +
            "this.", DefaultValueFactory = _ => AnalyzeOptions.DefaultRemovalThreshold };
        threshold.Require(v => v > 0 && v < 1, "in (0, 1)");
        var allowMixed = new Option<bool>("--allow-mixed") { Description = "Pool runs made with other options, models or feature columns (noted in summary.json)." };
        var noErrors = new Option<bool>("--no-error-identification") { Description = "Skip the TP-vs-FP classifier (e.g. when there are no FP lesions)." };
        var noFigures = new Option<bool>("--no-figures") { Description = "Write the tables only." };
        var command = new Command("analyze", "Compare saliency features of TP, FP and FN lesions across scans; identify FP lesions.")
        {
            runs, output, features, seed, bootstrap, folds, penalty, threshold, allowMixed, noErrors, noFigures,
        };
        command.SetAction(parsed =>
        {
            var options = new AnalyzeOptions
            {
                Features = parsed.GetValue(features)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                Seed = parsed.GetValue(seed),
                BootstrapResamples = parsed.GetValue(bootstrap),
                AllowMixed = parsed.GetValue(allowMixed),
                ErrorIdentification = !parsed.GetValue(noErrors),
                RemovalThreshold = parsed.GetValue(threshold),
                CrossValidation = new CrossValidationOptions { MaximumFolds = parsed.GetValue(folds), Regression = new LogisticRegressionOptions { L2Penalty = parsed.GetValue(penalty) } },
                Figures = !parsed.GetValue(noFigures),
            };
            string folder = OutputFolder.Prepare(parsed.GetValue(output)!, output.Name);
            var result = AnalyzeRun.Run(parsed.GetValue(runs)!, folder, options, new LineProgress(console.Error, "analyze"));
            console.Out.WriteLine(Describe(result, folder));
            return CommandLineApp.Success;
        });
        return command;
    }

    static string Describe(AnalysisResult result, string folder)
    {
        var c = CultureInfo.InvariantCulture;
        var lesions = result.Cohort.Lesions;
        var lines = new List<string>
        {
            string.Create(c, $"analysed {result.Analysed.Count} column(s) of {lesions.Count} lesion(s) (TP {lesions.Count(l => l.Type == LesionType.TruePositive)}, FP " +
                $"{lesions.Count(l => l.Type == LesionType.FalsePositive)}, FN {lesions.Count(l => l.Type == LesionType.FalseNegative)}) from {result.Cohort.Scans.Count} scan(s)"),
        };
        if (result.Errors is { } e)
            lines.Add(string.Create(c, $"error identification: AUC {e.Auc:F3}; F1 {e.Before.F1:F4} -> {e.After.F1:F4}, PPV {e.Before.Ppv:F4} -> {e.After.Ppv:F4}"));
        lines.AddRange(result.Cohort.Notes.Select(n => $"note: {n}"));
        lines.Add($"wrote {Path.GetFullPath(folder)}");
        return string.Join(Environment.NewLine, lines);
    }
}
