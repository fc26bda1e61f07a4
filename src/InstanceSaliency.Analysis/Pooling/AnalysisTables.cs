using InstanceSaliency.Lesions;
using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using InstanceSaliency.Imaging;

namespace InstanceSaliency.Analysis.Pooling;

/// <summary>
/// The TSV tables of `ies analyze`, written like lesions.tsv: tab-separated, header row, invariant round-trip
/// numbers, NaN (a skipped test) as an empty field.
/// </summary>
public static class AnalysisTables
{
    /// <summary>
    /// group_tests.tsv: one Kruskal–Wallis row per feature; p uncorrected, p_holm_family and q_bh_family over the
    /// analysis' whole family of tests (<see cref="TestFamily"/>).
    /// </summary>
    public static void WriteGroupTests(string path, IEnumerable<GroupTestRow> rows) => Write(path,
        ["feature", "n_tp", "n_fp", "n_fn", "median_tp", "median_fp", "median_fn", "h", "df", "p", "p_holm_family", "q_bh_family", "note"],
        rows.Select(r => new object[] { r.Feature, r.Counts[0], r.Counts[1], r.Counts[2], r.Medians[0], r.Medians[1], r.Medians[2], r.H, r.DegreesOfFreedom, r.PValue,
            r.PHolmFamily, r.QBhFamily, r.Note }));

    /// <summary>
    /// pairwise_tests.tsv: three rows per feature (TP–FP, TP–FN, FP–FN); p uncorrected, p_holm_within_feature over the
    /// feature's three pairs (the column called p_holm before the family correction existed), p_holm_family and
    /// q_bh_family over the analysis' whole family of tests (<see cref="TestFamily"/>).
    /// </summary>
    public static void WritePairwiseTests(string path, IEnumerable<PairwiseTestRow> rows) => Write(path,
        ["feature", "group_a", "group_b", "n_a", "n_b", "u", "p", "p_holm_within_feature", "p_holm_family", "q_bh_family", "method", "cliffs_delta", "auc",
            "auc_ci_low", "auc_ci_high", "note"],
        rows.Select(r => new object[] { r.Feature, r.GroupA, r.GroupB, r.CountA, r.CountB, r.U, r.PValue, r.PHolmWithinFeature, r.PHolmFamily, r.QBhFamily,
            r.Method, r.CliffsDelta, r.Auc, r.AucInterval.Lower, r.AucInterval.Upper, r.Note }));

    /// <summary>error_identification.tsv: one row per TP/FP lesion with its out-of-fold P(FP) and removal.</summary>
    public static void WriteErrorIdentification(string path, ErrorIdentificationResult result) => Write(path,
        ["scan", "id", "type", "fp_probability", "removed"],
        result.Predictions.Select(p => new object[] { p.Scan, p.Id, p.Type.ToContractName(), p.FpProbability, p.Removed ? "yes" : "no" }));

    static void Write(string path, string[] header, IEnumerable<object[]> rows) => AtomicFile.Write(path, stream =>
    {
        using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false), leaveOpen: true);
        using var csv = new CsvWriter(writer, new CsvConfiguration(CultureInfo.InvariantCulture) { Delimiter = "\t", NewLine = "\n" });
        foreach (string column in header) csv.WriteField(column);
        csv.NextRecord();
        foreach (var row in rows)
        {
            foreach (var value in row) csv.WriteField(Field(value));
            csv.NextRecord();
        }
    });

    internal static string Field(object value) => value switch
    {
        double d => double.IsNaN(d) ? "" : d.ToString("R", CultureInfo.InvariantCulture),
        int i => i.ToString(CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
