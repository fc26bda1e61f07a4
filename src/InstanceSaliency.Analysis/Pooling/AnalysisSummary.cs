using InstanceSaliency.Lesions;
using System.Text.Json;
using System.Text.Json.Nodes;
using InstanceSaliency.Analysis.Statistics;
using InstanceSaliency.Imaging;

namespace InstanceSaliency.Analysis.Pooling;

/// <summary>
/// summary.json of `ies analyze`: the scans and lesion counts, settings, notes, the error identification
/// (AUC with interval, F1/PPV before and after removal, classifier coefficients on standardised features), the
/// family of tests corrected together for multiple comparisons and its size (<see cref="TestFamily"/>), and
/// headline numbers: per map the median FLAIR share and the mean saliency inside vs in ring 1, and per peak column
/// the TP-vs-FP p-value (uncorrected, Holm within the feature, Holm and BH over the family) and AUC, and the
/// Kruskal–Wallis p-value (uncorrected, Holm and BH over the family). Undefined numbers are null.
/// </summary>
public static class AnalysisSummary
{
    /// <summary>Writes the summary of <paramref name="result"/> to <paramref name="path"/>.</summary>
    public static void Write(string path, AnalysisResult result, AnalyzeOptions options)
    {
        var cohort = result.Cohort;
        var root = new JsonObject
        {
            ["scans"] = new JsonArray([.. cohort.Scans.Select(s => (JsonNode?)s)]),
            ["lesions"] = new JsonObject(LesionTypeNames.All.Select(t => KeyValuePair.Create(t, (JsonNode?)cohort.Lesions.Count(l => l.Type.ToContractName() == t)))),
            ["columns_analysed"] = result.Analysed.Count,
            ["seed"] = options.Seed,
            ["bootstrap_resamples"] = options.BootstrapResamples,
            ["multiple_comparisons"] = Family(result.Family),
            ["notes"] = new JsonArray([.. cohort.Notes.Select(n => (JsonNode?)n)]),
            ["figures"] = new JsonArray([.. result.Figures.Select(f => (JsonNode?)f)]),
            ["error_identification"] = result.Errors is { } e ? Errors(e, options) : null,
            ["headline"] = Headline(result),
        };
        AtomicFile.WriteText(path, root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
    }

    static JsonObject Errors(ErrorIdentificationResult e, AnalyzeOptions options) => new()
    {
        ["positive_class"] = "FP",
        ["auc"] = N(e.Auc),
        ["auc_ci"] = new JsonArray(N(e.AucInterval.Lower), N(e.AucInterval.Upper)),
        ["folds"] = e.Folds,
        ["folds_with_one_class"] = e.DegenerateFolds,
        ["grouping"] = "by scan: leave-one-scan-out, or K folds of scans when there are more than K scans",
        ["max_folds"] = options.CrossValidation.MaximumFolds,
        ["l2_penalty"] = options.CrossValidation.Regression.L2Penalty,
        ["removal_threshold"] = options.RemovalThreshold,
        ["removed_tp_counts_as"] = "FN",
        ["before"] = Counts(e.Before),
        ["after"] = Counts(e.After),
        ["coefficients"] = new JsonObject(e.Features.Select((f, j) => KeyValuePair.Create(f, N(e.FullModel.Coefficients[j])))),
    };

    static JsonObject Family(TestFamily family) => new()
    {
        ["family"] = TestFamily.Description,
        ["family_size"] = family.Size,
        ["kruskal_wallis_tests"] = family.KruskalWallisTests,
        ["pairwise_tests"] = family.PairwiseTests,
        ["p_holm_family"] = "Holm's step-down adjusted p over the family (family-wise error rate); statsmodels multipletests method='holm'",
        ["q_bh_family"] = "Benjamini-Hochberg q over the family (false discovery rate); statsmodels multipletests method='fdr_bh'",
        ["p_holm_within_feature"] = "pairwise_tests.tsv only: Holm over the three pairs (TP-FP, TP-FN, FP-FN) of one column, skipped pairs excluded",
    };

    static JsonObject Counts(LesionCounts c) => new() { ["tp"] = c.Tp, ["fp"] = c.Fp, ["fn"] = c.Fn, ["f1"] = N(c.F1), ["ppv"] = N(c.Ppv) };

    static JsonObject Headline(AnalysisResult result)
    {
        var cohort = result.Cohort;
        var shares = new JsonObject();
        foreach (string column in result.Analysed.Where(c => c.EndsWith("_flair_share", StringComparison.Ordinal)))
            shares[column] = N(Median(cohort.Column(column)));
        var inside = new JsonObject();
        foreach (string column in result.Analysed.Where(c => c.EndsWith("_ring1_mean", StringComparison.Ordinal)))
        {
            string map = column[..^"_ring1_mean".Length];
            if (!cohort.Columns.Contains($"{map}_mean")) continue;
            inside[map] = new JsonObject { ["mean_inside"] = N(Mean(cohort.Column($"{map}_mean"))), ["mean_ring1"] = N(Mean(cohort.Column(column))) };
        }
        var peaks = new JsonObject();
        foreach (var row in result.PairwiseTests.Where(r => r.Feature.EndsWith("_peak", StringComparison.Ordinal) && r.GroupA == "TP" && r.GroupB == "FP"))
            peaks[row.Feature] = new JsonObject
            {
                ["p"] = N(row.PValue), ["p_holm_within_feature"] = N(row.PHolmWithinFeature), ["p_holm_family"] = N(row.PHolmFamily), ["q_bh_family"] = N(row.QBhFamily),
                ["auc_tp_over_fp"] = N(row.Auc), ["auc_ci"] = new JsonArray(N(row.AucInterval.Lower), N(row.AucInterval.Upper)),
            };
        var kw = new JsonObject();
        foreach (var row in result.GroupTests.Where(r => r.Feature.EndsWith("_peak", StringComparison.Ordinal)))
            kw[row.Feature] = new JsonObject { ["p"] = N(row.PValue), ["p_holm_family"] = N(row.PHolmFamily), ["q_bh_family"] = N(row.QBhFamily) };
        return new JsonObject { ["median_flair_share"] = shares, ["saliency_inside_vs_ring1"] = inside, ["peak_tp_vs_fp"] = peaks, ["peak_kruskal"] = kw };
    }

    static double Median(double[] values)
    {
        var v = values.Where(x => !double.IsNaN(x)).Order().ToArray();
        return v.Length == 0 ? double.NaN : AucBootstrap.Quantile(v, 0.5);
    }

    static double Mean(double[] values)
    {
        var v = values.Where(x => !double.IsNaN(x)).ToArray();
        return v.Length == 0 ? double.NaN : v.Average();
    }

    static JsonNode? N(double v) => double.IsFinite(v) ? JsonValue.Create(v) : null;
}
