using MathNet.Numerics.Distributions;

namespace InstanceSaliency.Analysis.Statistics;

/// <summary>How the p-value of a Mann–Whitney U test is computed.</summary>
public enum MannWhitneyMethod
{
    /// <summary>As scipy 1.10's method="auto": exact when either sample has ≤ 8 values and no value is tied, else asymptotic.</summary>
    Auto,
    /// <summary>The exact null distribution of U (no tie correction).</summary>
    Exact,
    /// <summary>Tie-corrected normal approximation with continuity correction.</summary>
    Asymptotic,
}

/// <summary>U₁ (the statistic of the first sample), the two-sided p-value and the method that produced it.</summary>
public sealed record MannWhitneyResult(double U, double PValue, MannWhitneyMethod Method);

/// <summary>
/// Two-sided Mann–Whitney U test (as scipy.stats.mannwhitneyu, scipy 1.10, alternative="two-sided"). With R₁ the
/// sum of the average ranks of x in the pooled sample, U₁ = R₁ − n₁(n₁+1)/2, U₂ = n₁n₂ − U₁, U = max(U₁, U₂):
/// exact p = 2·P(U' ≥ U) under the null distribution of U'; asymptotic p = 2·(1 − Φ(z)),
/// z = (U − n₁n₂/2 − ½) / √(n₁n₂/12 · [(n+1) − Σ(t³−t)/(n(n−1))]); p is capped at 1.
/// Note: scipy 1.10 chooses exact when NOT both samples have more than 8 values (one of n₁, n₂ ≤ 8) and there
/// are no ties, which is what <see cref="MannWhitneyMethod.Auto"/> reproduces.
/// </summary>
public static class MannWhitneyU
{
    /// <summary>Largest sample size of the smaller sample for which Auto takes the exact path (scipy 1.10).</summary>
    public const int ExactMaximumSmallerSample = 8;

    /// <summary>Tests x against y (each non-empty, no NaN).</summary>
    public static MannWhitneyResult Test(IReadOnlyList<double> x, IReadOnlyList<double> y, MannWhitneyMethod method = MannWhitneyMethod.Auto)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Count == 0 || y.Count == 0) throw new ArgumentException($"Mann–Whitney U needs both samples non-empty; got {x.Count} and {y.Count}.");
        var pooled = x.Concat(y).ToArray();
        if (pooled.Any(double.IsNaN)) throw new ArgumentException("Mann–Whitney U: values must not be NaN (drop missing values first).");
        int n1 = x.Count, n2 = y.Count;
        double tieTerm = Ranking.TieTerm(pooled);
        if (method == MannWhitneyMethod.Auto)
            method = (n1 > ExactMaximumSmallerSample && n2 > ExactMaximumSmallerSample) || tieTerm > 0 ? MannWhitneyMethod.Asymptotic : MannWhitneyMethod.Exact;
        var ranks = Ranking.AverageRanks(pooled);
        double r1 = 0;
        for (int i = 0; i < n1; i++) r1 += ranks[i];
        double u1 = r1 - n1 * (n1 + 1) / 2.0;
        double u = Math.Max(u1, (double)n1 * n2 - u1);
        double p = method == MannWhitneyMethod.Exact
            ? 2 * MannWhitneyExactDistribution.Survival((long)u, n1, n2)
            : 2 * AsymptoticSurvival(u, n1, n2, tieTerm);
        return new MannWhitneyResult(u1, Math.Clamp(p, 0, 1), method);
    }

    static double AsymptoticSurvival(double u, int n1, int n2, double tieTerm)
    {
        double n = n1 + n2;
        double variance = n1 * (double)n2 / 12 * ((n + 1) - tieTerm / (n * (n - 1)));
        double numerator = u - n1 * (double)n2 / 2 - 0.5;
        if (!(variance > 0)) return numerator < 0 ? 1.0 : 0.0; // all values equal: z = −∞
        return Normal.CDF(0, 1, -numerator / Math.Sqrt(variance));
    }
}
