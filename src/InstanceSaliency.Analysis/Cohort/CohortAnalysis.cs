using InstanceSaliency.Analysis.Cohort.Figures;
using InstanceSaliency.Analysis.Statistics;
using InstanceSaliency.Imaging;

namespace InstanceSaliency.Analysis.Cohort;

/// <summary>
/// `ies analyze` (method.md §8): pools the runs, compares every analysed column between TP, FP and FN
/// (<see cref="GroupComparison"/>), corrects all those tests as one family (<see cref="TestFamily"/>), identifies errors (<see cref="ErrorIdentification"/>), and writes
/// group_tests.tsv, pairwise_tests.tsv, error_identification.tsv, summary.json and the figures into one folder.
/// </summary>
public static class CohortAnalysis
{
    /// <summary>What was analysed and written.</summary>
    public sealed record Result(LesionCohort Cohort, IReadOnlyList<string> Analysed, IReadOnlyList<GroupTestRow> GroupTests,
        IReadOnlyList<PairwiseTestRow> PairwiseTests, TestFamily Family, ErrorIdentificationResult? Errors, IReadOnlyList<string> Figures);

    /// <summary>Runs the analysis of <paramref name="runFolders"/> into <paramref name="outFolder"/>.</summary>
    public static Result Run(IReadOnlyList<string> runFolders, string outFolder, AnalyzeOptions options, IProgress<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var cohort = LesionCohort.Load(runFolders, options.AllowMixed);
        int typed = cohort.Lesions.Count(l => l.Type is "TP" or "FP" or "FN");
        if (typed == 0)
            throw new InvalidInputException($"analyze: none of the {cohort.Lesions.Count} lesion(s) is typed TP, FP or FN (all unlabelled); run `ies explain` with --truth.");
        var features = FeatureSelection.Select(cohort.FeatureColumns, options.Features);
        var analysed = LesionCohort.AnalysedContextColumns.Where(cohort.Columns.Contains).Concat(features).ToArray();
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
        CohortTables.WriteGroupTests(Path.Combine(outFolder, "group_tests.tsv"), correctedGroups);
        CohortTables.WritePairwiseTests(Path.Combine(outFolder, "pairwise_tests.tsv"), correctedPairs);
        if (errors is not null) CohortTables.WriteErrorIdentification(Path.Combine(outFolder, "error_identification.tsv"), errors);
        var figures = options.Figures ? CohortFigures.Write(outFolder, cohort, features, errors) : [];
        var result = new Result(cohort, analysed, correctedGroups, correctedPairs, family, errors, figures);
        CohortSummary.Write(Path.Combine(outFolder, "summary.json"), result, options);
        return result;
    }
}
