using InstanceSaliency.Analysis.Statistics;
using InstanceSaliency.Imaging;
using InstanceSaliency.Lesions;
using InstanceSaliency.Models.Checkpoints;
using InstanceSaliency.Models.Runtime;
using InstanceSaliency.Models.Segmentation;
using InstanceSaliency.Models.Training;
using InstanceSaliency.Pipeline.Scans;

namespace InstanceSaliency.Pipeline.FalsePositives;

/// <summary>
/// `ies train fp-filter` (issue 17): fits a false-positive filter from labelled scans. Each scan is segmented as `ies segment`
/// does it by the model that predicts it (one that never trained on it), its predicted components typed TP/FP (method.md §3)
/// and their features computed (<see cref="FilterFeatures"/>). The train-split lesions fit a logistic regression on
/// standardised features (<see cref="LogisticRegression"/>, the one of `ies analyze`), with a scan-grouped cross-validated
/// AUC (<see cref="GroupedCrossValidation"/>); the validation scans alone choose the threshold (<see cref="ChooseThreshold"/>).
/// The same is done with the non-saliency features alone, to show what saliency adds.
/// </summary>
public static class FilterTraining
{
    /// <summary>The largest fall of mean lesion TPR the threshold may cause on the validation scans.</summary>
    public const double MaximumTprDrop = 0.05;

    /// <summary>The threshold rule, as stored in the filter's provenance.</summary>
    public const string ThresholdRule = "on the validation scans only: the threshold on P(FP) maximising the mean lesion F1 after dropping lesions with P ≥ threshold, " +
        "subject to the mean lesion TPR falling by ≤ 0.05; candidates are the validation lesions' P values; ties go to the higher threshold; threshold 1 when none " +
        "raises F1";

    /// <summary>Segments one labelled case with <paramref name="model"/> and its post-processing, and computes its lesions' features.</summary>
    public static FilterScan Prepare(SegmentationModel model, ComputeContext context, FilterSaliency saliency, TrainingCase scan, string split)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(scan);
        var segmentation = ModelPostprocessing.Of(model.Description).Segment(new Segmenter(model, context), scan.Flair, scan.T1, null,
            scan.Name + " FLAIR", scan.Name + " T1");
        var report = LesionAnalysis.Run(segmentation.Mask, scan.Mask, null, scan.Name + " (predicted mask)", scan.Name + " mask");
        var features = FilterFeatures.Compute(model, context, saliency, segmentation, report, scan.Flair, scan.T1, scan.Name + " FLAIR");
        var truth = LesionExtraction.Extract(scan.Mask, new LesionInstanceOptions());
        var overlaps = report.Lesions.Select(l => (IReadOnlyList<int>)[.. l.VoxelIndices.Select(v => truth.Labels.Voxels[v]).Where(g => g > 0).Distinct().Order().Select(g => g - 1)])
            .ToList();
        var prepared = new FilterScan(scan.Name, scan.Site, split, features, [.. report.Lesions.Select(l => l.Type)], overlaps, truth.Lesions.Count);
        var counts = prepared.CountsAfter(new bool[report.Count]);
        var metrics = report.Metrics!;
        if (counts != (metrics.Tp, metrics.Fp, metrics.Fn))
            throw new InvalidOperationException($"{scan.Name}: lesion counts {counts} differ from LesionAnalysis's ({metrics.Tp}, {metrics.Fp}, {metrics.Fn}).");
        return prepared;
    }

    /// <summary>Fits the filter on <paramref name="scans"/> (train split: lesions; validation split: threshold).</summary>
    public static FilterTrainingResult Fit(IReadOnlyList<FilterScan> scans, FilterSaliency saliency, long seed, string command)
    {
        ArgumentNullException.ThrowIfNull(scans);
        var train = scans.Where(s => s.Split == "train").ToList();
        var validation = scans.Where(s => s.Split == "validation").ToList();
        if (validation.Count == 0) throw new InvalidInputException("--manifest: no validation row; the filter's threshold is chosen on validation scans only (split validation).");
        var rows = train.SelectMany(s => s.Features.Rows.Select((r, n) => (Scan: s.Name, Row: r, Type: s.Types[n]))).ToList();
        int tp = rows.Count(r => r.Type == LesionType.TruePositive), fp = rows.Count - tp;
        if (tp == 0 || fp == 0)
            throw new InvalidInputException($"--manifest: the train rows' predicted lesions are {tp} TP and {fp} FP; a filter needs both (add train scans).");
        var all = scans[0].Features.Names;
        var sets = new[] { ("all", all), ("non-saliency", FilterFeatures.NonSaliency) }
            .Select(set => FitSet(set.Item1, set.Item2, rows.Select(r => (r.Scan, r.Row, r.Type)).ToList(), all, validation, seed)).ToList();
        var chosen = sets[0];
        var filter = new FalsePositiveFilter
        {
            Features = chosen.Features,
            Saliency = saliency,
            Means = chosen.Model.Means,
            StandardDeviations = chosen.Model.Scales,
            Coefficients = chosen.Model.Coefficients,
            Intercept = chosen.Model.Intercept,
            Threshold = chosen.Threshold,
            Provenance = new FilterProvenance(command, [.. train.Select(s => s.Name)], [.. validation.Select(s => s.Name)], tp, fp, chosen.CrossValidatedAuc, sets[1].CrossValidatedAuc,
                ThresholdRule)
            {
                Validation = new FilterValidation(validation.Count, chosen.Before.F1, chosen.After.F1, chosen.Before.Ppv, chosen.After.Ppv, chosen.Before.Tpr, chosen.After.Tpr),
            },
        };
        return new FilterTrainingResult(filter, tp, fp, sets);
    }

    static FeatureSetResult FitSet(string name, IReadOnlyList<string> features, List<(string Scan, double[] Row, LesionType Type)> rows, IReadOnlyList<string> all,
        IReadOnlyList<FilterScan> validation, long seed)
    {
        var index = features.Select(f => all.ToList().IndexOf(f)).ToArray();
        IReadOnlyList<double> Pick(double[] row) => index.Select(j => row[j]).ToArray();
        var x = rows.Select(r => Pick(r.Row)).ToArray();
        var y = rows.Select(r => r.Type == LesionType.FalsePositive ? 1.0 : 0.0).ToArray();
        var options = new CrossValidationOptions { Seed = seed };
        var oof = GroupedCrossValidation.Predict(x, y, rows.Select(r => r.Scan).ToArray(), options);
        double auc = RocAuc.Compute([.. Enumerable.Range(0, y.Length).Where(i => y[i] == 1).Select(i => oof.Probabilities[i])],
            [.. Enumerable.Range(0, y.Length).Where(i => y[i] == 0).Select(i => oof.Probabilities[i])]);
        var model = LogisticRegression.Fit(x, y, options.Regression);
        var probabilities = validation.Select(s => s.Features.Rows.Select(r => model.Probability(Pick(r))).ToArray()).ToList();
        var (threshold, before, after) = ChooseThreshold(validation, probabilities);
        return new FeatureSetResult(name, features, auc, threshold, before, after, model);
    }

    /// <summary>
    /// The threshold rule (<see cref="ThresholdRule"/>) on <paramref name="scans"/> with P(FP) <paramref name="probabilities"/> per lesion:
    /// the threshold and the mean lesion metrics before and after dropping at it.
    /// </summary>
    public static (double Threshold, ScanLesionMetrics Before, ScanLesionMetrics After) ChooseThreshold(IReadOnlyList<FilterScan> scans, IReadOnlyList<double[]> probabilities)
    {
        ArgumentNullException.ThrowIfNull(scans);
        ArgumentNullException.ThrowIfNull(probabilities);
        ScanLesionMetrics At(double t) => ScanLesionMetrics.Mean([.. scans.Select((s, n) => s.CountsAfter([.. probabilities[n].Select(p => p >= t)]))]);
        var before = ScanLesionMetrics.Mean([.. scans.Select(s => s.CountsAfter(new bool[s.Types.Count]))]);
        double best = 1;
        var bestMetrics = At(1);
        foreach (double t in probabilities.SelectMany(p => p).Distinct().OrderDescending())
        {
            var after = At(t);
            if (after.Tpr < before.Tpr - MaximumTprDrop - 1e-12) continue;
            if (after.F1 > bestMetrics.F1 && after.F1 > before.F1) (best, bestMetrics) = (t, after);
        }
        return (best, before, bestMetrics);
    }
}

/// <summary>One feature set's fit: scan-grouped cross-validated AUC on the train lesions, the threshold and validation metrics.</summary>
public sealed record FeatureSetResult(string Name, IReadOnlyList<string> Features, double CrossValidatedAuc, double Threshold, ScanLesionMetrics Before, ScanLesionMetrics After,
    LogisticModel Model);

/// <summary>What `ies train fp-filter` fitted: the filter (all features) and both feature sets' figures.</summary>
public sealed record FilterTrainingResult(FalsePositiveFilter Filter, int TruePositives, int FalsePositives, IReadOnlyList<FeatureSetResult> Sets);
