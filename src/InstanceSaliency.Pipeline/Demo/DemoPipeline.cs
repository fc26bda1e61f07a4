using InstanceSaliency.Pipeline.Scans;
using InstanceSaliency.Reporting;
using InstanceSaliency.Analysis.Pooling;
using InstanceSaliency.Pipeline.Analyze;
using InstanceSaliency.Pipeline.Explanation;
using InstanceSaliency.Imaging;
using InstanceSaliency.Models.Checkpoints;
using InstanceSaliency.Models.Runtime;

namespace InstanceSaliency.Pipeline.Demo;

/// <summary>
/// `ies demo`: the whole pipeline on the embedded sample scan with a model — segment and explain every lesion
/// against the expert mask (TP/FP/FN), analyse the lesion groups, build the browser report. Writes
/// DIR/run (explain's outputs), DIR/analysis, DIR/report; returns the report's index.html.
/// </summary>
public static class DemoPipeline
{
    /// <summary>Runs the demo; <paramref name="messages"/> receives one line per step.</summary>
    public static string Run(SampleScan sample, SegmentationModel model, ComputeContext context, ExplainOptions options, string outputFolder,
        IProgress<ExplainProgress>? explainProgress, IProgress<string> messages)
    {
        ArgumentNullException.ThrowIfNull(sample);
        ArgumentNullException.ThrowIfNull(messages);
        string run = Path.Combine(outputFolder, "run");
        var scan = new ScanPaths(sample.Flair, sample.T1, sample.Mask);
        messages.Report("segmenting and explaining every lesion of the sample scan…");
        var result = new ExplainRun(model, context, options).Run(scan, run, explainProgress);
        messages.Report($"explained {result.Rows.Count} lesion(s): {Count(result, "TP")} TP, {Count(result, "FP")} FP, {Count(result, "FN")} FN; outputs in {run}");

        string? analysis = Path.Combine(outputFolder, "analysis");
        try
        {
            // One scan: no scan-grouped cross-validation, so the error classifier is left to `ies analyze` on a cohort.
            AnalyzeRun.Run([run], analysis, new AnalyzeOptions { ErrorIdentification = false, BootstrapResamples = 500, Seed = options.SmoothGrad.Seed });
            messages.Report($"analysed the lesion groups: {analysis}");
        }
        catch (InvalidInputException e)
        {
            messages.Report($"analysis skipped: {e.Message}");
            analysis = null;
        }

        messages.Report("building the report…");
        string index = ReportBuilder.Build(run, Path.Combine(outputFolder, "report"), new ReportOptions { AnalysisFolder = analysis });
        return index;
    }

    static int Count(ExplainRun.Result result, string type) => result.Rows.Count(r => Lesions.LesionTypeNames.ToContractName(r.Lesion.Type) == type);
}
