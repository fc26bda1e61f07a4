using InstanceSaliency.Analysis.Pooling;
using InstanceSaliency.Pipeline.Analyze;
using InstanceSaliency.Imaging;
using InstanceSaliency.TestSupport;

namespace InstanceSaliency.Pipeline.Tests.Analyze;

public class AnalyzeErrorTests
{
    static readonly AnalyzeOptions Fast = new() { BootstrapResamples = 50, Figures = false };

    static string Fails(string[] runs, string output, AnalyzeOptions? options = null) =>
        Assert.Throws<InvalidInputException>(() => AnalyzeRun.Run(runs, output, options ?? Fast)).Message;

    [Fact]
    public void Missing_column_names_the_file_and_the_column()
    {
        using var temp = new TemporaryDirectory();
        var header = RunFolders.Header.Select(h => h == "mean_probability" ? "mean_p" : h).ToArray();
        string run = RunFolders.Write(temp.Path, "scanA", [RunFolders.Row(1, "TP", 3)], header);
        string message = Fails([run], temp.File("out"));
        Assert.Contains(Path.Combine(run, "lesions.tsv"), message);
        Assert.Contains("\"mean_probability\"", message);
    }

    [Fact]
    public void Runs_with_other_feature_columns_are_refused_unless_mixing_is_allowed()
    {
        using var temp = new TemporaryDirectory();
        string a = RunFolders.Write(temp.Path, "scanA", [RunFolders.Row(1, "TP", 3), RunFolders.Row(2, "FP", 1)]);
        string b = RunFolders.Write(temp.Path, "scanB", [RunFolders.Row(1, "TP", 4)[..^1], RunFolders.Row(2, "FP", 2)[..^1]], RunFolders.Header[..^1]);
        string message = Fails([a, b], temp.File("out"));
        Assert.Contains("smoothgrad_flair_share", message);
        Assert.Contains("--allow-mixed", message);
        var result = AnalyzeRun.Run([a, b], temp.File("mixed"), Fast with { AllowMixed = true });
        Assert.DoesNotContain("smoothgrad_flair_share", result.Analysed);
        Assert.Contains(result.Cohort.Notes, n => n.Contains("smoothgrad_flair_share"));
    }

    [Fact]
    public void Runs_with_other_options_are_refused_unless_mixing_is_allowed()
    {
        using var temp = new TemporaryDirectory();
        string a = RunFolders.Write(temp.Path, "scanA", [RunFolders.Row(1, "TP", 3), RunFolders.Row(2, "FP", 1)]);
        string b = RunFolders.Write(temp.Path, "scanB", [RunFolders.Row(1, "TP", 4), RunFolders.Row(2, "FP", 2)], samples: "10");
        string message = Fails([a, b], temp.File("out"));
        Assert.Contains("options.samples", message);
        Assert.Contains(Path.Combine(b, "run.json"), message);
        AnalyzeRun.Run([a, b], temp.File("mixed"), Fast with { AllowMixed = true });
    }

    [Fact]
    public void Duplicate_runs_are_refused()
    {
        using var temp = new TemporaryDirectory();
        string a = RunFolders.Write(temp.Path, "scanA", [RunFolders.Row(1, "TP", 3), RunFolders.Row(2, "FP", 1)]);
        Assert.Contains("given twice", Fails([a, a + "/"], temp.File("out")));
        string copy = RunFolders.Write(temp.Path, "scanA-again", [RunFolders.Row(1, "TP", 3), RunFolders.Row(2, "FP", 1)], flairSha: "sha-scanA");
        Assert.Contains("same FLAIR", Fails([a, copy], temp.File("out")));
    }

    [Fact]
    public void No_lesion_in_any_run_fails_clearly()
    {
        using var temp = new TemporaryDirectory();
        string a = RunFolders.Write(temp.Path, "scanA", []);
        Assert.Contains("no lesion", Fails([a], temp.File("out")));
    }

    [Fact]
    public void Unlabelled_lesions_only_ask_for_a_truth()
    {
        using var temp = new TemporaryDirectory();
        string a = RunFolders.Write(temp.Path, "scanA", [RunFolders.Row(1, "unlabelled", 3)]);
        Assert.Contains("--truth", Fails([a], temp.File("out")));
    }

    [Fact]
    public void A_single_class_fails_error_identification_but_group_tests_run_without_it()
    {
        using var temp = new TemporaryDirectory();
        string a = RunFolders.Write(temp.Path, "scanA", [RunFolders.Row(1, "TP", 3), RunFolders.Row(2, "TP", 5), RunFolders.Row(3, "FN", 1)]);
        string message = Fails([a], temp.File("out"));
        Assert.Contains("needs TP and FP", message);
        Assert.Contains("0 FP", message);
        var result = AnalyzeRun.Run([a], temp.File("groups"), Fast with { ErrorIdentification = false });
        var tpFp = result.PairwiseTests.First(r => r.GroupB == "FP");
        Assert.True(double.IsNaN(tpFp.PValue));
        Assert.Contains("FP empty", tpFp.Note);
        Assert.Contains("FP empty", result.GroupTests.First().Note);
    }

    [Fact]
    public void A_malformed_number_names_file_line_and_column()
    {
        using var temp = new TemporaryDirectory();
        var row = RunFolders.Row(1, "TP", 3);
        row[9] = "high";
        string a = RunFolders.Write(temp.Path, "scanA", [row]);
        string message = Fails([a], temp.File("out"));
        Assert.Contains("lesions.tsv line 2", message);
        Assert.Contains("smoothgrad_flair_peak", message);
    }
}
