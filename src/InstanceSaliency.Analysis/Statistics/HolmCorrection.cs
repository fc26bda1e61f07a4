namespace InstanceSaliency.Analysis.Statistics;

/// <summary>
/// Holm's step-down adjustment of a family of m p-values (as statsmodels multipletests method="holm"): with
/// p₍₁₎ ≤ … ≤ p₍ₘ₎ sorted, p̃₍ᵢ₎ = min(1, max_{j ≤ i} (m − j + 1)·p₍ⱼ₎), returned in the input order.
/// NaN p-values (tests that were skipped) are not members of the family and stay NaN.
/// </summary>
public static class HolmCorrection
{
    /// <summary>Adjusted p-values, same order and length as <paramref name="pValues"/>.</summary>
    public static double[] Adjust(IReadOnlyList<double> pValues)
    {
        ArgumentNullException.ThrowIfNull(pValues);
        var members = Enumerable.Range(0, pValues.Count).Where(i => !double.IsNaN(pValues[i])).OrderBy(i => pValues[i]).ToArray();
        var adjusted = Enumerable.Repeat(double.NaN, pValues.Count).ToArray();
        double running = 0;
        for (int rank = 0; rank < members.Length; rank++)
        {
            running = Math.Max(running, (members.Length - rank) * pValues[members[rank]]);
            adjusted[members[rank]] = Math.Min(1.0, running);
        }
        return adjusted;
    }
}
