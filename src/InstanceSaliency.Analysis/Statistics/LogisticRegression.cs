using MathNet.Numerics.LinearAlgebra;

namespace InstanceSaliency.Analysis.Statistics;

/// <summary>
/// L2-penalised logistic regression on standardised features, fitted by Newton's method (IRLS). Minimises
/// L(β) = Σᵢ [log(1 + e^{ηᵢ}) − yᵢηᵢ] + ½λ Σ_{j≥1} βⱼ², ηᵢ = β₀ + Σⱼ βⱼ zᵢⱼ,
/// with gradient g = Zᵀ(p − y) + λPβ and Hessian H = ZᵀWZ + λP (W = diag pᵢ(1−pᵢ), P = I without the intercept);
/// each step solves H·Δ = g (Cholesky, or LU when λ = 0 leaves H singular) and is halved until L decreases.
/// </summary>
public static class LogisticRegression
{
    /// <summary>Fits rows of raw features <paramref name="x"/> (n × d) to labels <paramref name="y"/> (0 or 1).</summary>
    public static LogisticModel Fit(IReadOnlyList<IReadOnlyList<double>> x, IReadOnlyList<double> y, LogisticRegressionOptions? options = null)
    {
        options ??= new LogisticRegressionOptions();
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Count != y.Count) throw new ArgumentException($"Logistic regression: {x.Count} rows but {y.Count} labels.");
        if (x.Count == 0) throw new ArgumentException("Logistic regression needs at least one row.", nameof(x));
        if (y.Any(v => v is not (0 or 1))) throw new ArgumentException("Logistic regression: labels must be 0 or 1.", nameof(y));
        if (options.L2Penalty < 0) throw new ArgumentOutOfRangeException(nameof(options), $"L2Penalty must be ≥ 0; got {options.L2Penalty}.");
        int n = x.Count, d = x[0].Count;
        var (means, scales) = Moments(x, d);
        var unfitted = new LogisticModel(0, new double[d], means, scales, 0);
        var z = Matrix<double>.Build.Dense(n, d + 1, (i, j) => j == 0 ? 1 : unfitted.Standardise(x[i][j - 1], j - 1));
        var labels = Vector<double>.Build.DenseOfEnumerable(y);
        var penalty = Vector<double>.Build.Dense(d + 1, j => j == 0 ? 0 : options.L2Penalty);
        var beta = Vector<double>.Build.Dense(d + 1);
        double loss = Loss(z, labels, beta, penalty);
        int iteration = 0;
        while (iteration < options.MaximumIterations)
        {
            iteration++;
            var eta = z * beta;
            var p = eta.Map(LogisticModel.Sigmoid);
            var gradient = z.TransposeThisAndMultiply(p - labels) + penalty.PointwiseMultiply(beta);
            var weights = p.PointwiseMultiply(1 - p);
            var hessian = z.TransposeThisAndMultiply(z.MapIndexed((i, _, v) => v * weights[i])) + Matrix<double>.Build.DenseOfDiagonalVector(penalty);
            Vector<double> step;
            try { step = hessian.Cholesky().Solve(gradient); }
            catch (ArgumentException) { step = hessian.LU().Solve(gradient); }
            double scale = 1;
            Vector<double> next = beta - step;
            double nextLoss = Loss(z, labels, next, penalty);
            while (nextLoss > loss && scale > 1e-8)
            {
                scale /= 2;
                next = beta - scale * step;
                nextLoss = Loss(z, labels, next, penalty);
            }
            beta = next;
            loss = nextLoss;
            if (step.AbsoluteMaximum() * scale < options.StepTolerance) break;
        }
        return unfitted with { Intercept = beta[0], Coefficients = beta.SubVector(1, d).ToArray(), Iterations = iteration };
    }

    static double Loss(Matrix<double> z, Vector<double> y, Vector<double> beta, Vector<double> penalty)
    {
        var eta = z * beta;
        double sum = 0;
        for (int i = 0; i < eta.Count; i++)
            sum += (eta[i] > 0 ? eta[i] + double.LogP1(Math.Exp(-eta[i])) : double.LogP1(Math.Exp(eta[i]))) - y[i] * eta[i];
        return sum + 0.5 * penalty.PointwiseMultiply(beta).DotProduct(beta);
    }

    /// <summary>Mean and population standard deviation of each feature over its non-NaN values.</summary>
    static (double[] Means, double[] Scales) Moments(IReadOnlyList<IReadOnlyList<double>> x, int d)
    {
        var means = new double[d];
        var scales = new double[d];
        for (int j = 0; j < d; j++)
        {
            var values = x.Select(r => r[j]).Where(v => !double.IsNaN(v)).ToArray();
            if (values.Length == 0) continue;
            double mean = values.Average();
            means[j] = mean;
            scales[j] = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / values.Length);
        }
        return (means, scales);
    }
}
