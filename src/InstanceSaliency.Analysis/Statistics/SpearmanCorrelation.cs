using InstanceSaliency.Analysis.Statistics;

namespace InstanceSaliency.Analysis.Statistics;

/// <summary>
/// Spearman's rank correlation ρ: the Pearson correlation of the average ranks ("midranks", so ties share the
/// mean of their ranks), as scipy.stats.spearmanr computes it. Undefined (NaN) when either sample is constant
/// or there are fewer than two pairs.
/// </summary>
public static class SpearmanCorrelation
{
    /// <summary>ρ of the paired samples <paramref name="x"/> and <paramref name="y"/> (same length).</summary>
    public static double Compute(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Count != y.Count) throw new ArgumentException($"Spearman correlation needs paired samples; got {x.Count} and {y.Count} values.", nameof(y));
        if (x.Count < 2) return double.NaN;
        var rx = Ranking.AverageRanks(x);
        var ry = Ranking.AverageRanks(y);
        double mean = (x.Count + 1) / 2.0; // the mean of ranks 1..n, ties or not
        double sxy = 0, sxx = 0, syy = 0;
        for (int n = 0; n < rx.Length; n++)
        {
            double a = rx[n] - mean, b = ry[n] - mean;
            sxy += a * b; sxx += a * a; syy += b * b;
        }
        return sxx == 0 || syy == 0 ? double.NaN : sxy / Math.Sqrt(sxx * syy);
    }
}
