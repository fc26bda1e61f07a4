namespace InstanceSaliency.Analysis.Statistics;

/// <summary>
/// Area under the ROC curve of a score that should be larger for the positive class:
/// AUC = P(S₊ &gt; S₋) + ½·P(S₊ = S₋) = U₊ / (n₊n₋), U₊ the Mann–Whitney statistic of the positives
/// (ties count one half). 0.5 is chance; 1 separates perfectly.
/// </summary>
public static class RocAuc
{
    /// <summary>AUC of <paramref name="positive"/> scores against <paramref name="negative"/> scores (both non-empty, no NaN).</summary>
    public static double Compute(IReadOnlyList<double> positive, IReadOnlyList<double> negative)
    {
        ArgumentNullException.ThrowIfNull(positive);
        ArgumentNullException.ThrowIfNull(negative);
        if (positive.Count == 0 || negative.Count == 0)
            throw new ArgumentException($"ROC AUC needs both classes; got {positive.Count} positive and {negative.Count} negative scores.");
        var ranks = Ranking.AverageRanks(positive.Concat(negative).ToArray());
        double r = 0;
        for (int i = 0; i < positive.Count; i++) r += ranks[i];
        double n1 = positive.Count, n2 = negative.Count;
        return (r - n1 * (n1 + 1) / 2) / (n1 * n2);
    }

    /// <summary>
    /// The ROC curve: (false-positive rate, true-positive rate) from (0, 0) to (1, 1), one point per distinct
    /// threshold, thresholds descending (a score ≥ threshold is called positive).
    /// </summary>
    public static IReadOnlyList<(double FalsePositiveRate, double TruePositiveRate)> Curve(IReadOnlyList<double> positive, IReadOnlyList<double> negative)
    {
        var scored = positive.Select(s => (Score: s, Positive: true)).Concat(negative.Select(s => (Score: s, Positive: false)))
            .OrderByDescending(e => e.Score).ToArray();
        var points = new List<(double, double)> { (0, 0) };
        int tp = 0, fp = 0;
        for (int i = 0; i < scored.Length; i++)
        {
            if (scored[i].Positive) tp++; else fp++;
            if (i + 1 == scored.Length || scored[i + 1].Score != scored[i].Score)
                points.Add(((double)fp / Math.Max(1, negative.Count), (double)tp / Math.Max(1, positive.Count)));
        }
        return points;
    }
}
