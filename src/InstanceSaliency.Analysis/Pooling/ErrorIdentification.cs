using InstanceSaliency.Lesions;
using InstanceSaliency.Analysis.Statistics;
using InstanceSaliency.Imaging;

namespace InstanceSaliency.Analysis.Pooling;

/// <summary>
/// method.md §8, error identification: a logistic regression on the saliency features tells FP (label 1) from TP
/// (label 0) lesions, cross-validated with folds of whole scans (<see cref="GroupedCrossValidation"/>). Reports
/// the AUC of the out-of-fold P(FP) with its bootstrap interval, and lesion-wise counts pooled over scans before
/// and after removing every lesion with P(FP) ≥ the removal threshold: a removed FP disappears; a removed TP
/// becomes a missed lesion (FN); FN lesions (never predicted) are unchanged. "Before" is the segmentation's own
/// counts over every component (<see cref="LesionPool.SegmentationCounts"/>, from run.json: what `ies lesions
/// --truth` gives on the same scans), not the explained rows; only the explained lesions can be removed.
/// </summary>
public static class ErrorIdentification
{
    /// <summary>Runs the classifier on the TP and FP lesions of <paramref name="cohort"/>.</summary>
    public static ErrorIdentificationResult Run(LesionPool cohort, IReadOnlyList<string> features, AnalyzeOptions options)
    {
        var rows = cohort.Lesions.Where(l => l.Type is LesionType.TruePositive or LesionType.FalsePositive).ToArray();
        int tp = rows.Count(l => l.Type == LesionType.TruePositive), fp = rows.Length - tp, fn = cohort.Lesions.Count(l => l.Type == LesionType.FalseNegative);
        if (tp == 0 || fp == 0)
            throw new InvalidInputException($"error identification needs TP and FP lesions; the runs have {tp} TP and {fp} FP. " +
                "Analyse more scans, or pass --no-error-identification for the group tests alone.");
        if (features.Count == 0) throw new InvalidInputException("error identification needs at least one saliency feature column; the runs have none (check --features).");
        var index = features.Select(f => cohort.Columns.ToList().IndexOf(f)).ToArray();
        var x = rows.Select(l => (IReadOnlyList<double>)index.Select(j => l.Values[j]).ToArray()).ToArray();
        var y = rows.Select(l => l.Type == LesionType.FalsePositive ? 1.0 : 0.0).ToArray();
        var cv = options.CrossValidation with { Seed = options.Seed };
        var oof = GroupedCrossValidation.Predict(x, y, rows.Select(l => l.Scan).ToArray(), cv);
        var pFp = oof.Probabilities;
        var positives = Enumerable.Range(0, rows.Length).Where(i => y[i] == 1).Select(i => pFp[i]).ToArray();
        var negatives = Enumerable.Range(0, rows.Length).Where(i => y[i] == 0).Select(i => pFp[i]).ToArray();
        var removed = Enumerable.Range(0, rows.Length).Select(i => pFp[i] >= options.RemovalThreshold).ToArray();
        var before = cohort.SegmentationCounts ?? new LesionCounts(tp, fp, fn);
        var after = before.AfterRemoving(rows.Where((l, i) => removed[i] && l.Type == LesionType.TruePositive).Count(), rows.Where((l, i) => removed[i] && l.Type == LesionType.FalsePositive).Count());
        var full = LogisticRegression.Fit(x, y, cv.Regression);
        return new ErrorIdentificationResult(
            rows.Select((l, i) => new ErrorPrediction(l.Scan, l.Id, l.Type, pFp[i], removed[i])).ToArray(),
            features, RocAuc.Compute(positives, negatives),
            AucBootstrap.Interval(positives, negatives, new BootstrapOptions { Resamples = options.BootstrapResamples, Seed = options.Seed }),
            before, after, oof.Folds, oof.DegenerateFolds, full);
    }
}

/// <summary>One TP or FP lesion's out-of-fold P(FP) and whether it was removed (a row of error_identification.tsv).</summary>
public sealed record ErrorPrediction(string Scan, int Id, LesionType Type, double FpProbability, bool Removed);

/// <summary>What <see cref="ErrorIdentification"/> found.</summary>
/// <param name="Predictions">Per TP/FP lesion.</param>
/// <param name="Features">Classifier inputs.</param>
/// <param name="Auc">AUC of out-of-fold P(FP), FP as positive.</param>
/// <param name="AucInterval">Stratified bootstrap interval of <paramref name="Auc"/>.</param>
/// <param name="Before">Pooled counts of the segmentation.</param>
/// <param name="After">Pooled counts after removing predicted FPs.</param>
/// <param name="Folds">Cross-validation folds.</param>
/// <param name="DegenerateFolds">Folds whose training part had one class.</param>
/// <param name="FullModel">The classifier fitted on every TP/FP lesion (for its coefficients; not used for the scores).</param>
public sealed record ErrorIdentificationResult(IReadOnlyList<ErrorPrediction> Predictions, IReadOnlyList<string> Features, double Auc,
    ConfidenceInterval AucInterval, LesionCounts Before, LesionCounts After, int Folds, int DegenerateFolds, LogisticModel FullModel);
