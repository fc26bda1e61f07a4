using System.Globalization;
using System.Text.Json;
using InstanceSaliency.Analysis.Pooling;
using InstanceSaliency.Pipeline.Analyze;
using InstanceSaliency.Analysis.Statistics;
using InstanceSaliency.Imaging;
using InstanceSaliency.Lesions;
using InstanceSaliency.TestSupport;

namespace InstanceSaliency.Pipeline.Tests.Analyze;

public class AnalyzeRunTests
{
    static readonly double[] TpPeaks = [9.1, 7.4, 8.8, 6.5, 5.9, 8.1, 7.7, 6.8, 9.9, 5.2];
    static readonly double[] FpPeaks = [2.2, 3.9, 4.4, 2.7, 6.9];
    static readonly double[] FnPeaks = [1.1, 0.9];
    static readonly AnalyzeOptions Fast = new() { BootstrapResamples = 200, Seed = 5 };

    static Dictionary<string, string>[] Read(string path)
    {
        var lines = File.ReadAllLines(path);
        var header = lines[0].Split('\t');
        return lines.Skip(1).Select(l => header.Zip(l.Split('\t')).ToDictionary(p => p.First, p => p.Second)).ToArray();
    }

    static double D(string s) => double.Parse(s, CultureInfo.InvariantCulture);

    [Fact]
    public void Three_runs_give_tables_equal_to_the_statistics_on_the_pooled_values()
    {
        using var temp = new TemporaryDirectory();
        var runs = RunFolders.Three(temp.Path);
        string output = temp.File("out");
        AnalyzeRun.Run(runs, output, Fast);

        var groups = Read(Path.Combine(output, "group_tests.tsv"));
        Assert.Equal(["voxels", "volume_mm3", "mean_probability", "smoothgrad_flair_mean", "smoothgrad_flair_peak", "smoothgrad_flair_ring1_mean",
            "smoothgrad_flair_ring2_mean", "smoothgrad_flair_share"], groups.Select(r => r["feature"]));
        var peak = groups.Single(r => r["feature"] == "smoothgrad_flair_peak");
        Assert.Equal(("10", "5", "2"), (peak["n_tp"], peak["n_fp"], peak["n_fn"]));
        Assert.Equal(KruskalWallis.Test([TpPeaks, FpPeaks, FnPeaks]).PValue, D(peak["p"]), 15);
        var ring2 = groups.Single(r => r["feature"] == "smoothgrad_flair_ring2_mean");
        Assert.Equal("", ring2["p"]);
        Assert.Contains("skipped", ring2["note"]);

        var pairs = Read(Path.Combine(output, "pairwise_tests.tsv")).Where(r => r["feature"] == "smoothgrad_flair_peak").ToArray();
        Assert.Equal(["TP-FP", "TP-FN", "FP-FN"], pairs.Select(r => $"{r["group_a"]}-{r["group_b"]}"));
        var tpFp = pairs[0];
        var test = MannWhitneyU.Test(TpPeaks, FpPeaks);
        Assert.Equal(test.PValue, D(tpFp["p"]), 15);
        Assert.Equal("exact", tpFp["method"]);
        Assert.Equal(RocAuc.Compute(TpPeaks, FpPeaks), D(tpFp["auc"]), 15);
        Assert.InRange(D(tpFp["auc"]), D(tpFp["auc_ci_low"]), D(tpFp["auc_ci_high"]));
        var holm = HolmCorrection.Adjust([test.PValue, MannWhitneyU.Test(TpPeaks, FnPeaks).PValue, MannWhitneyU.Test(FpPeaks, FnPeaks).PValue]);
        Assert.Equal(holm, pairs.Select(r => D(r["p_holm_within_feature"])).ToArray());
    }

    [Fact]
    public void Every_test_of_the_analysis_is_corrected_as_one_family_named_in_the_summary()
    {
        using var temp = new TemporaryDirectory();
        string output = temp.File("out");
        var result = AnalyzeRun.Run(RunFolders.Three(temp.Path), output, Fast with { Figures = false });

        var groups = Read(Path.Combine(output, "group_tests.tsv"));
        var pairs = Read(Path.Combine(output, "pairwise_tests.tsv"));
        var rows = groups.Concat(pairs).ToArray();
        // The family: every test that ran, in both tables; skipped tests (empty p) have empty corrections.
        var members = rows.Where(r => r["p"] != "").ToArray();
        Assert.All(rows.Where(r => r["p"] == ""), r => Assert.Equal(("", ""), (r["p_holm_family"], r["q_bh_family"])));
        int m = members.Length;
        Assert.True(groups.Count(r => r["p"] != "") >= 6 && pairs.Count(r => r["p"] != "") >= 18, $"the example should have many tests; {m}");
        var p = members.Select(r => D(r["p"])).ToArray();
        // Holm and BH are pinned against statsmodels (MultipleTestsTests); here: over which tests they run.
        Assert.Equal(HolmCorrection.Adjust(p), members.Select(r => D(r["p_holm_family"])).ToArray());
        Assert.Equal(BenjaminiHochberg.Adjust(p), members.Select(r => D(r["q_bh_family"])).ToArray());
        // The smallest p of the family gets Holm's full factor m.
        Assert.Equal(Math.Min(1, m * p.Min()), members.Select(r => D(r["p_holm_family"])).Min(), 15);
        Assert.All(pairs.Where(r => r["p"] != ""), r => Assert.True(D(r["p_holm_family"]) >= D(r["p_holm_within_feature"])));

        Assert.Equal(m, result.Family.Size);
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "summary.json")));
        var family = summary.RootElement.GetProperty("multiple_comparisons");
        Assert.Equal(m, family.GetProperty("family_size").GetInt32());
        Assert.Equal(groups.Count(r => r["p"] != ""), family.GetProperty("kruskal_wallis_tests").GetInt32());
        Assert.Equal(pairs.Count(r => r["p"] != ""), family.GetProperty("pairwise_tests").GetInt32());
        Assert.Contains("Kruskal-Wallis", family.GetProperty("family").GetString());
        var peak = summary.RootElement.GetProperty("headline").GetProperty("peak_tp_vs_fp").GetProperty("smoothgrad_flair_peak");
        var tpFp = pairs.Single(r => r["feature"] == "smoothgrad_flair_peak" && r["group_b"] == "FP");
        Assert.Equal(D(tpFp["q_bh_family"]), peak.GetProperty("q_bh_family").GetDouble());
        Assert.Equal(D(tpFp["p_holm_family"]), peak.GetProperty("p_holm_family").GetDouble());
    }

    [Fact]
    public void Error_identification_counts_removed_TP_as_FN_and_writes_summary_and_figures()
    {
        using var temp = new TemporaryDirectory();
        string output = temp.File("out");
        var result = AnalyzeRun.Run(RunFolders.Three(temp.Path), output, Fast);

        var rows = Read(Path.Combine(output, "error_identification.tsv"));
        Assert.Equal(15, rows.Length);
        int removedTp = rows.Count(r => r["type"] == "TP" && r["removed"] == "yes"), removedFp = rows.Count(r => r["type"] == "FP" && r["removed"] == "yes");
        Assert.All(rows, r => Assert.Equal(D(r["fp_probability"]) >= 0.5, r["removed"] == "yes"));
        var e = result.Errors!;
        Assert.Equal(new LesionCounts(10, 5, 2), e.Before);
        Assert.Equal(new LesionCounts(10 - removedTp, 5 - removedFp, 2 + removedTp), e.After);
        Assert.Equal(3, e.Folds);

        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "summary.json")));
        var errors = summary.RootElement.GetProperty("error_identification");
        Assert.Equal(e.Auc, errors.GetProperty("auc").GetDouble(), 15);
        Assert.Equal(20.0 / 27, errors.GetProperty("before").GetProperty("f1").GetDouble(), 12);
        Assert.Equal(2, summary.RootElement.GetProperty("lesions").GetProperty("FN").GetInt32());
        Assert.Equal(0.8, summary.RootElement.GetProperty("headline").GetProperty("median_flair_share").GetProperty("smoothgrad_flair_share").GetDouble(), 12);
        foreach (string stem in new[] { "distribution_smoothgrad_flair_peak", "roc", "ring_profile_smoothgrad_flair" })
        {
            Assert.True(new FileInfo(Path.Combine(output, stem + ".png")).Length > 1000, stem);
            Assert.StartsWith("<?xml", File.ReadAllText(Path.Combine(output, stem + ".svg")));
        }
        // The distribution plot's axis title has the unit, its x axis the group test's p with the family's Holm p and BH q.
        var peakTest = result.GroupTests.Single(t => t.Feature == "smoothgrad_flair_peak");
        string svg = File.ReadAllText(Path.Combine(output, "distribution_smoothgrad_flair_peak.svg"));
        Assert.Contains("logit per normalised-intensity unit", svg);
        Assert.Contains(Reporting.Charts.AnalysisFigures.TestText(peakTest).TrimStart(' ', '·'), svg);
    }

    [Fact]
    public void Before_counts_are_the_segmentations_own_from_run_json_not_the_explained_rows()
    {
        // The rows hold 4 TP 2 FP 1 FN, 3 TP 2 FP 1 FN, 3 TP 1 FP 0 FN (as Three); the segmentations had more
        // components (small ones not explained): run.json counts every component, as `ies lesions --truth`.
        using var temp = new TemporaryDirectory();
        string[] runs =
        [
            RunFolders.Write(temp.Path, "scanA", [RunFolders.Row(1, "TP", 9.1), RunFolders.Row(2, "TP", 7.4), RunFolders.Row(3, "FP", 2.2), RunFolders.Row(4, "TP", 8.8), RunFolders.Row(5, "FP",
                3.9), RunFolders.Row(6, "TP", 6.5), RunFolders.Row(7, "FN", 1.1)], counts: (5, 6, 3)),
            RunFolders.Write(temp.Path, "scanB", [RunFolders.Row(1, "TP", 5.9), RunFolders.Row(2, "FP", 4.4), RunFolders.Row(3, "TP", 8.1), RunFolders.Row(4, "FP", 2.7), RunFolders.Row(5, "TP",
                7.7), RunFolders.Row(6, "FN", 0.9)], counts: (3, 4, 1)),
            RunFolders.Write(temp.Path, "scanC", [RunFolders.Row(1, "TP", 6.8), RunFolders.Row(2, "FP", 6.9), RunFolders.Row(3, "TP", 9.9), RunFolders.Row(4, "TP", 5.2)], counts: (4, 1, 2)),
        ];
        string output = temp.File("out");
        var e = AnalyzeRun.Run(runs, output, Fast with { Figures = false }).Errors!;

        var before = new LesionCounts(12, 11, 6);
        Assert.Equal(before, e.Before);
        int removedTp = e.Predictions.Count(p => p.Removed && p.Type == LesionType.TruePositive), removedFp = e.Predictions.Count(p => p.Removed && p.Type == LesionType.FalsePositive);
        Assert.Equal(before.AfterRemoving(removedTp, removedFp), e.After);
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "summary.json")));
        var errors = summary.RootElement.GetProperty("error_identification");
        Assert.Equal(2.0 * 12 / (2 * 12 + 11 + 6), errors.GetProperty("before").GetProperty("f1").GetDouble(), 12);
        Assert.Equal(12.0 / 23, errors.GetProperty("before").GetProperty("ppv").GetDouble(), 12);
    }

    [Fact]
    public void The_same_seed_gives_the_same_tables()
    {
        using var temp = new TemporaryDirectory();
        var runs = RunFolders.Three(temp.Path);
        AnalyzeRun.Run(runs, temp.File("a"), Fast with { Figures = false });
        AnalyzeRun.Run(runs, temp.File("b"), Fast with { Figures = false });
        foreach (string table in new[] { "group_tests.tsv", "pairwise_tests.tsv", "error_identification.tsv", "summary.json" })
            Assert.Equal(File.ReadAllText(Path.Combine(temp.File("a"), table)), File.ReadAllText(Path.Combine(temp.File("b"), table)));
    }

    [Fact]
    public void Features_option_restricts_the_tested_and_classifier_columns()
    {
        using var temp = new TemporaryDirectory();
        var result = AnalyzeRun.Run(RunFolders.Three(temp.Path), temp.File("out"), Fast with { Features = ["*_peak"], Figures = false });
        Assert.Equal(["voxels", "volume_mm3", "mean_probability", "smoothgrad_flair_peak"], result.Analysed);
        Assert.Equal(["smoothgrad_flair_peak"], result.Errors!.Features);
        var e = Assert.Throws<InvalidInputException>(() => AnalyzeRun.Run(RunFolders.Three(temp.Path), temp.File("x"), Fast with { Features = ["nope_*"] }));
        Assert.Contains("nope_*", e.Message);
    }
}
