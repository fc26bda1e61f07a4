namespace InstanceSaliency.Analysis.Statistics;

/// <summary>
/// Percentile bootstrap interval of <see cref="RocAuc"/>. Resampling is stratified: each of the B resamples draws
/// n₊ positives from the positives and n₋ negatives from the negatives, with replacement (so every resample has
/// both classes and the class balance of the data). The bounds are the (1−level)/2 and (1+level)/2 quantiles of
/// the B AUCs with linear interpolation between order statistics (numpy's default, "type 7").
/// Random numbers: <see cref="Random"/> seeded with the low and high halves of the seed folded together.
/// </summary>
public static class AucBootstrap
{
    /// <summary>The interval, or <see cref="ConfidenceInterval.None"/> when B = 0 or a class is empty.</summary>
    public static ConfidenceInterval Interval(IReadOnlyList<double> positive, IReadOnlyList<double> negative, BootstrapOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Resamples < 0) throw new ArgumentOutOfRangeException(nameof(options), $"Bootstrap resamples must be ≥ 0; got {options.Resamples}.");
        if (!(options.Level > 0 && options.Level < 1)) throw new ArgumentOutOfRangeException(nameof(options), $"Bootstrap level must be in (0, 1); got {options.Level}.");
        if (options.Resamples == 0 || positive.Count == 0 || negative.Count == 0) return ConfidenceInterval.None(options.Level);
        var random = new Random(unchecked((int)options.Seed ^ (int)(options.Seed >> 32)));
        var aucs = new double[options.Resamples];
        var pos = new double[positive.Count];
        var neg = new double[negative.Count];
        for (int b = 0; b < aucs.Length; b++)
        {
            for (int i = 0; i < pos.Length; i++) pos[i] = positive[random.Next(pos.Length)];
            for (int i = 0; i < neg.Length; i++) neg[i] = negative[random.Next(neg.Length)];
            aucs[b] = RocAuc.Compute(pos, neg);
        }
        Array.Sort(aucs);
        double tail = (1 - options.Level) / 2;
        return new ConfidenceInterval(Quantile(aucs, tail), Quantile(aucs, 1 - tail), options.Level);
    }

    /// <summary>Quantile q of sorted values, linear interpolation at position q·(n−1).</summary>
    public static double Quantile(double[] sorted, double q)
    {
        double position = q * (sorted.Length - 1);
        int below = (int)Math.Floor(position);
        int above = Math.Min(below + 1, sorted.Length - 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }
}
