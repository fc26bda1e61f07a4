using InstanceSaliency.Lesions;
using InstanceSaliency.Analysis.Statistics;

namespace InstanceSaliency.Analysis.Pooling;

/// <summary>
/// method.md §8, group comparison: per feature, Kruskal–Wallis across TP, FP and FN, then the three pairs
/// (TP–FP, TP–FN, FP–FN) by two-sided Mann–Whitney U, Holm-adjusted within the feature's three pairs, with
/// Cliff's delta and ROC AUC (first type as positive) and its bootstrap interval. Missing values (NaN) are
/// dropped per feature. A comparison needs ≥ 1 value in each compared group: otherwise it is skipped and its
/// note says why; Kruskal–Wallis runs over the non-empty groups when at least two are left. The correction across
/// every column's tests is <see cref="TestFamily"/>'s, applied to the rows of all columns together.
/// </summary>
public static class GroupComparison
{
    /// <summary>The lesion types compared, in table order.</summary>
    public static readonly string[] Groups = ["TP", "FP", "FN"];

    /// <summary>The pairs compared, in table order.</summary>
    public static readonly (string A, string B)[] Pairs = [("TP", "FP"), ("TP", "FN"), ("FP", "FN")];

    /// <summary>Values of <paramref name="feature"/> per type, NaN dropped.</summary>
    public static Dictionary<string, double[]> ByGroup(LesionPool cohort, string feature)
    {
        var values = cohort.Column(feature);
        return Groups.ToDictionary(g => g, g => cohort.Lesions.Select((l, i) => (l.Type, Value: values[i]))
            .Where(e => e.Type.ToContractName() == g && !double.IsNaN(e.Value)).Select(e => e.Value).ToArray());
    }

    /// <summary>The Kruskal–Wallis row of one feature.</summary>
    public static GroupTestRow Across(string feature, Dictionary<string, double[]> groups)
    {
        var counts = Groups.Select(g => groups[g].Length).ToArray();
        var medians = Groups.Select(g => Median(groups[g])).ToArray();
        var present = Groups.Where(g => groups[g].Length > 0).ToArray();
        string missing = string.Join(", ", Groups.Except(present));
        if (present.Length < 2)
            return new GroupTestRow(feature, counts, medians, double.NaN, 0, double.NaN, $"skipped: needs ≥ 2 non-empty groups; {missing} empty");
        var result = KruskalWallis.Test(present.Select(g => (IReadOnlyList<double>)groups[g]).ToArray());
        string note = double.IsNaN(result.H) ? "skipped: all values equal"
            : missing.Length > 0 ? $"{missing} empty: tested {string.Join(", ", present)}" : "";
        return new GroupTestRow(feature, counts, medians, result.H, result.DegreesOfFreedom, result.PValue, note);
    }

    /// <summary>The three pairwise rows of one feature, Holm-adjusted together.</summary>
    public static IReadOnlyList<PairwiseTestRow> Pairwise(string feature, Dictionary<string, double[]> groups, BootstrapOptions bootstrap)
    {
        var rows = new List<PairwiseTestRow>();
        foreach (var (a, b) in Pairs)
        {
            double[] x = groups[a], y = groups[b];
            if (x.Length == 0 || y.Length == 0)
            {
                string empty = string.Join(" and ", new[] { (a, x), (b, y) }.Where(e => e.Item2.Length == 0).Select(e => e.Item1));
                rows.Add(new PairwiseTestRow(feature, a, b, x.Length, y.Length, double.NaN, double.NaN, double.NaN, "", double.NaN, double.NaN,
                    ConfidenceInterval.None(bootstrap.Level), $"skipped: {empty} empty"));
                continue;
            }
            var test = MannWhitneyU.Test(x, y);
            double auc = RocAuc.Compute(x, y);
            rows.Add(new PairwiseTestRow(feature, a, b, x.Length, y.Length, test.U, test.PValue, double.NaN,
                test.Method.ToString().ToLowerInvariant(), 2 * auc - 1, auc, AucBootstrap.Interval(x, y, bootstrap), ""));
        }
        var adjusted = HolmCorrection.Adjust(rows.Select(r => r.PValue).ToArray());
        return rows.Select((r, i) => r with { PHolmWithinFeature = adjusted[i] }).ToArray();
    }

    static double Median(double[] values)
    {
        if (values.Length == 0) return double.NaN;
        var sorted = values.Order().ToArray();
        int mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
