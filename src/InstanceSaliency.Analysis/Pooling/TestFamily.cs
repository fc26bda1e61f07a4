using InstanceSaliency.Analysis.Statistics;

namespace InstanceSaliency.Analysis.Pooling;

/// <summary>
/// The family of hypothesis tests of one analysis, corrected together (method.md §8): every Kruskal–Wallis test
/// (one per analysed column, group_tests.tsv) and every pairwise Mann–Whitney test (three per column,
/// pairwise_tests.tsv) that ran; skipped tests (p NaN) are not members. With ~130 saliency columns that is about
/// 500 tests, so an uncorrected p &lt; 0.05 is expected about 25 times by chance alone. Each member gets
/// Holm's adjusted p (<see cref="HolmCorrection"/>, family-wise error rate) and the Benjamini–Hochberg q
/// (<see cref="BenjaminiHochberg"/>, false discovery rate) over the m = <see cref="Size"/> members.
/// </summary>
/// <param name="KruskalWallisTests">Kruskal–Wallis tests in the family.</param>
/// <param name="PairwiseTests">Pairwise Mann–Whitney tests in the family.</param>
public sealed record TestFamily(int KruskalWallisTests, int PairwiseTests)
{
    /// <summary>What the family is, as summary.json states it.</summary>
    public const string Description =
        "every Kruskal-Wallis test (group_tests.tsv) and every pairwise Mann-Whitney test (pairwise_tests.tsv) of this analysis, over all analysed columns; skipped tests excluded";

    /// <summary>m, the number of tests corrected together.</summary>
    public int Size => KruskalWallisTests + PairwiseTests;

    /// <summary>The rows with <c>PHolmFamily</c> and <c>QBhFamily</c> set over the family they form together.</summary>
    public static (TestFamily Family, IReadOnlyList<GroupTestRow> Groups, IReadOnlyList<PairwiseTestRow> Pairs) Correct(
        IReadOnlyList<GroupTestRow> groups, IReadOnlyList<PairwiseTestRow> pairs)
    {
        ArgumentNullException.ThrowIfNull(groups);
        ArgumentNullException.ThrowIfNull(pairs);
        // One vector, Kruskal–Wallis first; NaN (skipped) entries stay outside the family inside the corrections.
        var p = groups.Select(r => r.PValue).Concat(pairs.Select(r => r.PValue)).ToArray();
        var holm = HolmCorrection.Adjust(p);
        var q = BenjaminiHochberg.Adjust(p);
        int k = groups.Count;
        var family = new TestFamily(groups.Count(r => !double.IsNaN(r.PValue)), pairs.Count(r => !double.IsNaN(r.PValue)));
        return (family,
            groups.Select((r, i) => r with { PHolmFamily = holm[i], QBhFamily = q[i] }).ToArray(),
            pairs.Select((r, i) => r with { PHolmFamily = holm[k + i], QBhFamily = q[k + i] }).ToArray());
    }
}
