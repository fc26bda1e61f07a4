using InstanceSaliency.Analysis.Pooling;
using InstanceSaliency.Lesions;
using System.Text.RegularExpressions;
using InstanceSaliency.Analysis.Statistics;
using SkiaSharp;

namespace InstanceSaliency.Reporting.Charts;

/// <summary>
/// The figures of `ies analyze`, each as PNG and SVG: peak saliency per lesion type (box plot with the lesions as
/// points), ROC curves (the error classifier's out-of-fold P(FP), and each peak-saliency column TP vs FP), and the
/// ring profile (mean saliency inside Ω at 0 mm and in ring k at k mm, method.md §7, averaged per lesion type).
/// Axis titles name the quantity and its unit (<see cref="FeatureLabel"/>); each distribution plot carries its
/// Kruskal–Wallis p with the family-wide Holm p and Benjamini–Hochberg q (<see cref="TestFamily"/>).
/// </summary>
public static class AnalysisFigures
{
    static readonly Dictionary<string, SKColor> Colours = new() { ["TP"] = new(0, 140, 70), ["FP"] = new(210, 50, 40), ["FN"] = new(40, 90, 200) };
    static readonly Regex RingMean = new(@"^(?<map>.+)_ring(?<k>\d+)_mean$");

    /// <summary>
    /// Writes every figure of <paramref name="features"/> of <paramref name="cohort"/> (and the classifier's ROC from
    /// <paramref name="errors"/>) into <paramref name="folder"/>; returns the file stems written. The corrected
    /// Kruskal–Wallis rows <paramref name="groupTests"/> put their p, Holm p and BH q on the distribution plots (null: left off).
    /// </summary>
    public static IReadOnlyList<string> Write(string folder, LesionPool cohort, IReadOnlyList<string> features, ErrorIdentificationResult? errors,
        IReadOnlyList<GroupTestRow>? groupTests = null)
    {
        var written = new List<string>();
        var peaks = features.Where(f => f.EndsWith("_peak", StringComparison.Ordinal)).ToArray();
        foreach (string peak in peaks)
            written.Add(Save(Distribution(cohort, peak, groupTests?.FirstOrDefault(t => t.Feature == peak)), folder, $"distribution_{peak}"));
        if (errors is not null || peaks.Length > 0) written.Add(Save(Roc(cohort, peaks, errors), folder, "roc"));
        foreach (var map in features.Select(f => RingMean.Match(f)).Where(m => m.Success).Select(m => m.Groups["map"].Value).Distinct())
            written.Add(Save(RingProfile(cohort, map, features), folder, $"ring_profile_{map}"));
        return written;
    }

    static string Save(Chart chart, string folder, string stem)
    {
        chart.Save(Path.Combine(folder, stem));
        return stem;
    }

    static Chart Distribution(LesionPool cohort, string feature, GroupTestRow? test)
    {
        var chart = new Chart($"{feature} per lesion type", $"lesion type{TestText(test)}", FeatureLabel.Of(feature));
        var groups = GroupComparison.ByGroup(cohort, feature);
        var labels = new List<(double, string)>();
        for (int g = 0; g < GroupComparison.Groups.Length; g++)
        {
            string type = GroupComparison.Groups[g];
            var v = groups[type].Order().ToArray();
            labels.Add((g + 1, $"{type} (n = {v.Length})"));
            chart.Include(g + 1, double.NaN);
            if (v.Length == 0) continue;
            double q1 = Quantile(v, 0.25), q3 = Quantile(v, 0.75), iqr = q3 - q1;
            double low = v.First(x => x >= q1 - 1.5 * iqr), high = v.Last(x => x <= q3 + 1.5 * iqr);
            chart.Box(g + 1, 0.28, low, q1, Quantile(v, 0.5), q3, high, Colours[type]);
            chart.Markers(v.Select((_, i) => g + 1 + 0.22 * (((i * 0.618034) % 1) - 0.5)).ToArray(), v, Colours[type]);
        }
        chart.Categories([.. labels]);
        return chart;
    }

    /// <summary>" · Kruskal–Wallis p = …, Holm p = …, BH q = …" (family-wide corrections), or why the test was skipped.</summary>
    public static string TestText(GroupTestRow? test)
    {
        if (test is null) return "";
        if (double.IsNaN(test.PValue)) return " · Kruskal–Wallis not run" + (test.Note.Length > 0 ? $" ({test.Note})" : "");
        var c = System.Globalization.CultureInfo.InvariantCulture;
        return string.Create(c, $" · Kruskal–Wallis p = {P(test.PValue)}, Holm p = {P(test.PHolmFamily)}, BH q = {P(test.QBhFamily)}");
    }

    static string P(double p) => double.IsNaN(p) ? "NA" : p < 1e-4 ? p.ToString("0.0E+0", System.Globalization.CultureInfo.InvariantCulture) : p.ToString("0.0000",
        System.Globalization.CultureInfo.InvariantCulture);

    static Chart Roc(LesionPool cohort, IReadOnlyList<string> peaks, ErrorIdentificationResult? errors)
    {
        var chart = new Chart("ROC curves", "false-positive rate", "true-positive rate") { LegendLowerRight = true };
        chart.Line([0, 1], [0, 1], SKColors.Gray, null, dashed: true);
        if (errors is not null)
        {
            var fp = errors.Predictions.Where(p => p.Type == LesionType.FalsePositive).Select(p => p.FpProbability).ToArray();
            var tp = errors.Predictions.Where(p => p.Type == LesionType.TruePositive).Select(p => p.FpProbability).ToArray();
            AddCurve(chart, fp, tp, $"classifier, FP detected (AUC {errors.Auc:F3})", SKColors.Black);
        }
        var palette = new SKColor[] { new(230, 120, 0), new(120, 60, 170), new(0, 150, 170), new(170, 40, 120), new(90, 90, 90) };
        for (int i = 0; i < peaks.Count; i++)
        {
            var groups = GroupComparison.ByGroup(cohort, peaks[i]);
            if (groups["TP"].Length == 0 || groups["FP"].Length == 0) continue;
            AddCurve(chart, groups["TP"], groups["FP"], $"{peaks[i]}, TP vs FP (AUC {RocAuc.Compute(groups["TP"], groups["FP"]):F3})", palette[i % palette.Length]);
        }
        return chart;
    }

    static void AddCurve(Chart chart, IReadOnlyList<double> positive, IReadOnlyList<double> negative, string label, SKColor colour)
    {
        var curve = RocAuc.Curve(positive, negative);
        chart.Line(curve.Select(p => p.FalsePositiveRate).ToArray(), curve.Select(p => p.TruePositiveRate).ToArray(), colour, label);
    }

    static Chart RingProfile(LesionPool cohort, string map, IReadOnlyList<string> features)
    {
        var chart = new Chart($"{map}: mean saliency by distance from the lesion border", "distance outside the lesion (mm; 0 = inside)",
            FeatureLabel.Of($"{map}_mean").Replace("mean in the lesion", "mean saliency", StringComparison.Ordinal));
        var columns = new List<(double Distance, string Column)>();
        if (cohort.Columns.Contains($"{map}_mean")) columns.Add((0, $"{map}_mean"));
        foreach (string f in features)
            if (RingMean.Match(f) is { Success: true } m && m.Groups["map"].Value == map) columns.Add((int.Parse(m.Groups["k"].Value, System.Globalization.CultureInfo.InvariantCulture), f));
        columns.Sort();
        chart.Line([0, columns.Max(c => c.Distance)], [0, 0], SKColors.Gray, null, dashed: true);
        foreach (string type in GroupComparison.Groups)
        {
            var means = columns.Select(c => GroupComparison.ByGroup(cohort, c.Column)[type]).Select(v => v.Length == 0 ? double.NaN : v.Average()).ToArray();
            int n = cohort.Lesions.Count(l => l.Type.ToContractName() == type);
            if (n > 0) chart.Line(columns.Select(c => c.Distance).ToArray(), means, Colours[type], $"{type} (n = {n})", markers: true);
        }
        return chart;
    }

    static double Quantile(double[] sorted, double q) => AucBootstrap.Quantile(sorted, q);
}
