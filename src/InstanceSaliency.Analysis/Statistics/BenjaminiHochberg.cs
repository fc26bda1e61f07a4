namespace InstanceSaliency.Analysis.Statistics;

/// <summary>
/// Benjamini–Hochberg q-values of a family of m p-values (as statsmodels multipletests method="fdr_bh"): with
/// p₍₁₎ ≤ … ≤ p₍ₘ₎ sorted, q₍ᵢ₎ = min(1, min_{j ≥ i} p₍ⱼ₎ / (j/m)), the step-up running minimum from the largest p
/// down, returned in the input order. Rejecting every test with q ≤ α controls the false discovery rate at α for
/// independent or positively dependent tests (Benjamini &amp; Hochberg 1995). Tied p-values get the same q.
/// NaN p-values (tests that were skipped) are not members of the family and stay NaN (statsmodels would turn the
/// whole vector into NaN).
/// </summary>
public static class BenjaminiHochberg
{
    /// <summary>q-values, same order and length as <paramref name="pValues"/>.</summary>
    public static double[] Adjust(IReadOnlyList<double> pValues)
    {
        ArgumentNullException.ThrowIfNull(pValues);
        var members = Enumerable.Range(0, pValues.Count).Where(i => !double.IsNaN(pValues[i])).OrderBy(i => pValues[i]).ToArray();
        var adjusted = Enumerable.Repeat(double.NaN, pValues.Count).ToArray();
        int m = members.Length;
        double running = double.PositiveInfinity;
        for (int rank = m; rank >= 1; rank--)
        {
            // p / (rank/m), written as statsmodels writes it (p over the ECDF factor) so the numbers agree to the last bit.
            running = Math.Min(running, pValues[members[rank - 1]] / ((double)rank / m));
            adjusted[members[rank - 1]] = Math.Min(1.0, running);
        }
        return adjusted;
    }
}
