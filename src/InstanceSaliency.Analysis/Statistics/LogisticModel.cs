namespace InstanceSaliency.Analysis.Statistics;

/// <summary>
/// A fitted logistic regression: P(y = 1 | x) = σ(β₀ + Σⱼ βⱼ zⱼ) with zⱼ = (xⱼ − meanⱼ) / scaleⱼ (zⱼ = 0 when
/// scaleⱼ = 0, a constant feature, or when xⱼ is NaN, i.e. a missing value is imputed by the training mean).
/// </summary>
/// <param name="Intercept">β₀.</param>
/// <param name="Coefficients">βⱼ on the standardised features.</param>
/// <param name="Means">Training mean of each feature.</param>
/// <param name="Scales">Training population standard deviation (divisor n) of each feature.</param>
/// <param name="Iterations">Newton iterations used.</param>
public sealed record LogisticModel(double Intercept, IReadOnlyList<double> Coefficients, IReadOnlyList<double> Means, IReadOnlyList<double> Scales, int Iterations)
{
    /// <summary>P(y = 1) for one row of raw features.</summary>
    public double Probability(IReadOnlyList<double> features)
    {
        double eta = Intercept;
        for (int j = 0; j < Coefficients.Count; j++) eta += Coefficients[j] * Standardise(features[j], j);
        return Sigmoid(eta);
    }

    internal double Standardise(double value, int feature) =>
        double.IsNaN(value) || Scales[feature] == 0 ? 0 : (value - Means[feature]) / Scales[feature];

    internal static double Sigmoid(double eta) => eta >= 0 ? 1 / (1 + Math.Exp(-eta)) : Math.Exp(eta) / (1 + Math.Exp(eta));
}
