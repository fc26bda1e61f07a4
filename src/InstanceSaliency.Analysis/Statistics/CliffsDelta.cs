namespace InstanceSaliency.Analysis.Statistics;

/// <summary>
/// Cliff's delta of x against y: δ = [#(xᵢ &gt; yⱼ) − #(xᵢ &lt; yⱼ)] / (n₁n₂) = 2U₁/(n₁n₂) − 1, in [−1, 1];
/// positive when x tends to be larger. Computed from ranks in O(n log n).
/// </summary>
public static class CliffsDelta
{
    /// <summary>δ of x against y (both non-empty, no NaN).</summary>
    public static double Compute(IReadOnlyList<double> x, IReadOnlyList<double> y) => 2 * RocAuc.Compute(x, y) - 1;
}
