using MathNet.Numerics;

namespace InstanceSaliency.Analysis.Statistics;

/// <summary>H statistic, degrees of freedom (groups − 1) and p-value of a Kruskal–Wallis test; NaN when undefined.</summary>
public sealed record KruskalWallisResult(double H, int DegreesOfFreedom, double PValue);

/// <summary>
/// Kruskal–Wallis H test (as scipy.stats.kruskal): with N values pooled over k groups, R_i the sum of the average
/// ranks of group i (size n_i) and t the sizes of tied runs,
/// H = [12 / (N(N+1)) · Σ R_i² / n_i − 3(N+1)] / [1 − Σ(t³ − t) / (N³ − N)],
/// p = P(χ²_{k−1} ≥ H) (upper regularised gamma Q((k−1)/2, H/2), accurate for tiny p).
/// </summary>
public static class KruskalWallis
{
    /// <summary>
    /// Tests <paramref name="groups"/> (at least two, each non-empty, no NaN). When every value is equal the
    /// statistic is undefined (scipy raises): H and p are NaN.
    /// </summary>
    public static KruskalWallisResult Test(IReadOnlyList<IReadOnlyList<double>> groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        if (groups.Count < 2) throw new ArgumentException($"Kruskal–Wallis needs at least 2 groups; got {groups.Count}.", nameof(groups));
        if (groups.Any(g => g.Count == 0)) throw new ArgumentException("Kruskal–Wallis needs every group non-empty.", nameof(groups));
        var pooled = groups.SelectMany(g => g).ToArray();
        if (pooled.Any(double.IsNaN)) throw new ArgumentException("Kruskal–Wallis: values must not be NaN (drop missing values first).", nameof(groups));
        int df = groups.Count - 1;
        double n = pooled.Length;
        double correction = 1 - Ranking.TieTerm(pooled) / (n * n * n - n);
        if (correction <= 0) return new KruskalWallisResult(double.NaN, df, double.NaN);
        var ranks = Ranking.AverageRanks(pooled);
        double sum = 0;
        int offset = 0;
        foreach (var group in groups)
        {
            double r = 0;
            for (int i = 0; i < group.Count; i++) r += ranks[offset + i];
            sum += r * r / group.Count;
            offset += group.Count;
        }
        double h = (12.0 / (n * (n + 1)) * sum - 3 * (n + 1)) / correction;
        return new KruskalWallisResult(h, df, ChiSquaredSurvival(h, df));
    }

    /// <summary>P(χ²_df ≥ x).</summary>
    internal static double ChiSquaredSurvival(double x, int df) =>
        x <= 0 ? 1.0 : SpecialFunctions.GammaUpperRegularized(df / 2.0, x / 2.0);
}
