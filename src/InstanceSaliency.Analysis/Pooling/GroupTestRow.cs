namespace InstanceSaliency.Analysis.Pooling;

/// <summary>Kruskal–Wallis across the lesion types of one feature (a row of group_tests.tsv).</summary>
/// <param name="Feature">Column name.</param>
/// <param name="Counts">Non-missing values per type (TP, FP, FN).</param>
/// <param name="Medians">Median per type (NaN for an empty group).</param>
/// <param name="H">Kruskal–Wallis H over the non-empty groups (NaN when skipped).</param>
/// <param name="DegreesOfFreedom">Non-empty groups − 1.</param>
/// <param name="PValue">χ² p-value (NaN when skipped).</param>
/// <param name="Note">Why a group is missing or the test was skipped; empty otherwise.</param>
public sealed record GroupTestRow(string Feature, IReadOnlyList<int> Counts, IReadOnlyList<double> Medians, double H, int DegreesOfFreedom, double PValue, string Note)
{
    /// <summary>Holm-adjusted p over the analysis' whole family of tests (<see cref="TestFamily"/>); NaN when skipped.</summary>
    public double PHolmFamily { get; init; } = double.NaN;

    /// <summary>Benjamini–Hochberg q over the analysis' whole family of tests (<see cref="TestFamily"/>); NaN when skipped.</summary>
    public double QBhFamily { get; init; } = double.NaN;
}

/// <summary>One pairwise comparison of a feature between two lesion types (a row of pairwise_tests.tsv).</summary>
/// <param name="Feature">Column name.</param>
/// <param name="GroupA">First type (the "positive" of the AUC).</param>
/// <param name="GroupB">Second type.</param>
/// <param name="CountA">Non-missing values in A.</param>
/// <param name="CountB">Non-missing values in B.</param>
/// <param name="U">Mann–Whitney U of A.</param>
/// <param name="PValue">Two-sided p, uncorrected.</param>
/// <param name="PHolmWithinFeature">
/// Holm-adjusted p over the feature's three pairs only (skipped pairs are not in that family): the post-hoc
/// correction for "which pair differs, given this feature". Use <see cref="PHolmFamily"/> or
/// <see cref="QBhFamily"/> to claim a difference among all the features tested.
/// </param>
/// <param name="Method">"exact" or "asymptotic".</param>
/// <param name="CliffsDelta">δ of A against B.</param>
/// <param name="Auc">P(A &gt; B) + ½P(A = B).</param>
/// <param name="AucInterval">Stratified percentile bootstrap interval of the AUC.</param>
/// <param name="Note">Why the pair was skipped; empty otherwise.</param>
public sealed record PairwiseTestRow(string Feature, string GroupA, string GroupB, int CountA, int CountB, double U, double PValue, double PHolmWithinFeature,
    string Method, double CliffsDelta, double Auc, Statistics.ConfidenceInterval AucInterval, string Note)
{
    /// <summary>Holm-adjusted p over the analysis' whole family of tests (<see cref="TestFamily"/>); NaN when skipped.</summary>
    public double PHolmFamily { get; init; } = double.NaN;

    /// <summary>Benjamini–Hochberg q over the analysis' whole family of tests (<see cref="TestFamily"/>); NaN when skipped.</summary>
    public double QBhFamily { get; init; } = double.NaN;
}
