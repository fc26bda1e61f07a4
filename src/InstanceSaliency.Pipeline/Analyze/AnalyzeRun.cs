using InstanceSaliency.Analysis.Pooling;
using InstanceSaliency.Reporting.Charts;
using InstanceSaliency.Lesions;
using InstanceSaliency.Analysis.Statistics;
using InstanceSaliency.Imaging;

namespace InstanceSaliency.Pipeline.Analyze;

/// <summary>
/// `ies analyze` (method.md §8): pools the runs, compares every analysed column between TP, FP and FN
/// (<see cref="GroupComparison"/>), corrects all those tests as one family (<see cref="TestFamily"/>), identifies errors (<see cref="ErrorIdentification"/>), and writes
/// group_tests.tsv, pairwise_tests.tsv, error_identification.tsv, summary.json and the figures into one folder.
/// </summary>
public static class AnalyzeRun
{
    /// <summary>Runs the analysis of <paramref name="runFolders"/> into <paramref name="outFolder"/>.</summary>
    public static AnalysisResult Run(IReadOnlyList<string> runFolders, string outFolder, AnalyzeOptions options, IProgress<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var cohort = LesionPool.Load(runFolders, options.AllowMixed);
        int typed = cohort.Lesions.Count(l => l.Type is not LesionType.Unlabelled);
        if (typed == 0)
            throw new InvalidInputException($"analyze: none of the {cohort.Lesions.Count} lesion(s) is typed TP, FP or FN (all unlabelled); run `ies explain` with --truth.");
        var features = FeatureSelection.Select(cohort.FeatureColumns, options.Features);
        var analysed = LesionPool.AnalysedContextColumns.Where(cohort.Columns.Contains).Concat(features).ToArray();
        var bootstrap = new BootstrapOptions { Resamples = options.BootstrapResamples, Seed = options.Seed };
        var groupTests = new List<GroupTestRow>();
        var pairwise = new List<PairwiseTestRow>();
        foreach (string column in analysed)
        {
            var groups = GroupComparison.ByGroup(cohort, column);
            groupTests.Add(GroupComparison.Across(column, groups));
            pairwise.AddRange(GroupComparison.Pairwise(column, groups, bootstrap));
        }
        var (family, correctedGroups, correctedPairs) = TestFamily.Correct(groupTests, pairwise);
        progress?.Report($"compared {analysed.Length} column(s) across {cohort.Lesions.Count} lesion(s) of {cohort.Scans.Count} scan(s); {family.Size} test(s) corrected as one family");
        var errors = options.ErrorIdentification ? ErrorIdentification.Run(cohort, features, options) : null;
        Directory.CreateDirectory(outFolder);
        AnalysisTables.WriteGroupTests(Path.Combine(outFolder, "group_tests.tsv"), correctedGroups);
        AnalysisTables.WritePairwiseTests(Path.Combine(outFolder, "pairwise_tests.tsv"), correctedPairs);
        if (errors is not null) AnalysisTables.WriteErrorIdentification(Path.Combine(outFolder, "error_identification.tsv"), errors);
        var figures = options.Figures ? AnalysisFigures.Write(outFolder, cohort, features, errors, correctedGroups) : [];
        var result = new AnalysisResult(cohort, analysed, correctedGroups, correctedPairs, family, errors, figures);
        AnalysisSummary.Write(Path.Combine(outFolder, "summary.json"), result, options);
        return result;
    }
}
