namespace InstanceSaliency.Analysis.Statistics;

/// <summary>
/// Out-of-fold probabilities of <see cref="LogisticRegression"/>, with folds made of whole groups (scans) so no
/// scan contributes to the model that scores it. With G groups and K = <see cref="CrossValidationOptions.MaximumFolds"/>:
/// leave-one-group-out when G ≤ K; otherwise the groups, shuffled with the seed, are dealt round-robin into K folds.
/// A training fold that lacks a class cannot fit a classifier: its held-out rows get the training fold's share
/// of label 1 (0 or 1), and the fold is counted in <see cref="OutOfFoldPrediction.DegenerateFolds"/>.
/// </summary>
public static class GroupedCrossValidation
{
    /// <summary>Out-of-fold P(y = 1) for each row of <paramref name="x"/>.</summary>
    public static OutOfFoldPrediction Predict(IReadOnlyList<IReadOnlyList<double>> x, IReadOnlyList<double> y, IReadOnlyList<string> groups, CrossValidationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (x.Count != y.Count || x.Count != groups.Count) throw new ArgumentException($"Cross-validation: {x.Count} rows, {y.Count} labels, {groups.Count} groups.");
        var fold = AssignFolds(groups, options);
        int folds = fold.Values.Distinct().Count();
        var probabilities = new double[x.Count];
        int degenerate = 0;
        for (int f = 0; f < folds; f++)
        {
            var train = Enumerable.Range(0, x.Count).Where(i => fold[groups[i]] != f).ToArray();
            var test = Enumerable.Range(0, x.Count).Where(i => fold[groups[i]] == f).ToArray();
            if (test.Length == 0) continue;
            double positives = train.Sum(i => y[i]);
            if (train.Length == 0 || positives == 0 || positives == train.Length)
            {
                degenerate++;
                foreach (int i in test) probabilities[i] = train.Length == 0 ? 0.5 : positives / train.Length;
                continue;
            }
            var model = LogisticRegression.Fit(train.Select(i => x[i]).ToArray(), train.Select(i => y[i]).ToArray(), options.Regression);
            foreach (int i in test) probabilities[i] = model.Probability(x[i]);
        }
        return new OutOfFoldPrediction(probabilities, folds, degenerate);
    }

    static Dictionary<string, int> AssignFolds(IReadOnlyList<string> groups, CrossValidationOptions options)
    {
        var distinct = groups.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        if (distinct.Length > options.MaximumFolds)
            new Random(unchecked((int)options.Seed ^ (int)(options.Seed >> 32))).Shuffle(distinct);
        return distinct.Select((g, i) => (g, i)).ToDictionary(e => e.g, e => e.i % options.MaximumFolds, StringComparer.Ordinal);
    }
}

/// <summary>Out-of-fold probabilities, the number of folds, and how many folds could not fit (one class in training).</summary>
public sealed record OutOfFoldPrediction(IReadOnlyList<double> Probabilities, int Folds, int DegenerateFolds);
