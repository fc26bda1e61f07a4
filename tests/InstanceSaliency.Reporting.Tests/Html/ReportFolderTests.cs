using InstanceSaliency.Imaging;
using InstanceSaliency.Reporting.Html;

namespace InstanceSaliency.Reporting.Tests.Html;

/// <summary>What `ies report` writes, checked on the files (the browser tests check the page in Chromium).</summary>
[Collection(ReportCollection.Name)]
public sealed class ReportFolderTests(ReportFixture report)
{
    [Fact]
    public void Writes_index_figures_lesion_scripts_and_vendored_niivue_with_licence()
    {
        var ids = File.ReadAllLines(Path.Combine(report.RunFolder, "lesions.tsv")).Skip(1).Select(l => int.Parse(l.Split('\t')[0])).ToList();
        Assert.NotEmpty(ids);
        foreach (int id in ids)
        {
            Assert.True(File.Exists(Path.Combine(report.ReportFolder, "figures", $"lesion-{id:D4}.png")));
            Assert.True(File.Exists(Path.Combine(report.ReportFolder, "assets", "lesions", $"lesion-{id:D4}.js")));
        }
        foreach (string file in new[] { "niivue/niivue.umd.js", "niivue/LICENSE", "niivue/PROVENANCE.md", "report/report.js", "report/report.css" })
            Assert.True(File.Exists(Path.Combine(report.ReportFolder, "assets", file)), $"missing assets/{file}");
        Assert.Contains("BSD", File.ReadAllText(Path.Combine(report.ReportFolder, "assets", "niivue", "LICENSE")));
        // Each analysis plot once: the SVG where analyze wrote both.
        Assert.True(File.Exists(Path.Combine(report.ReportFolder, "analysis", "peak <by> type.svg")));
        Assert.False(File.Exists(Path.Combine(report.ReportFolder, "analysis", "peak <by> type.png")));
    }

    [Fact]
    public void No_file_of_ours_names_an_external_address()
    {
        // The vendored NiiVue build holds URLs in strings it never fetches here; the browser tests check that the page
        // requests nothing outside the report. Every file the report writes itself must not even name one.
        var ours = Directory.EnumerateFiles(report.ReportFolder, "*", SearchOption.AllDirectories)
            .Where(f => !f.Contains(Path.Combine("assets", "niivue"), StringComparison.Ordinal) && !f.EndsWith(".png", StringComparison.Ordinal));
        // An SVG's XML namespace names (xmlns="http://www.w3.org/2000/svg") are identifiers, never fetched.
        foreach (string file in ours)
            Assert.DoesNotContain("http", System.Text.RegularExpressions.Regex.Replace(File.ReadAllText(file), @"xmlns(:\w+)?=""http://www\.w3\.org/[^""]*""", ""), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Strings_from_files_are_escaped()
    {
        string html = File.ReadAllText(report.IndexPath);
        Assert.DoesNotContain("<b>&\"x'", html);
        Assert.Contains(HtmlText.Escape(ReportFixture.HostileFlairName), html);
        Assert.DoesNotContain("peak <by> type", html);
        Assert.Contains("rel=\"icon\" href=\"data:image/png;base64,", html);
    }

    [Fact]
    public void A_folder_without_run_json_is_refused_with_its_name()
    {
        string folder = report.Scratch("not-a-run");
        Directory.CreateDirectory(folder);
        File.Copy(Path.Combine(report.RunFolder, "lesions.tsv"), Path.Combine(folder, "lesions.tsv"), overwrite: true);
        var error = Assert.Throws<InvalidInputException>(() => ReportBuilder.Build(folder, Path.Combine(folder, "report")));
        Assert.Contains("run.json", error.Message);
        Assert.Contains(folder, error.Message);
    }

    [Fact]
    public void The_models_validation_figures_are_stated_and_a_validation_scan_is_called_one()
    {
        Assert.DoesNotContain("model-validation", File.ReadAllText(report.IndexPath));
        string run = report.Scratch("validated-run");
        foreach (string file in Directory.EnumerateFiles(report.RunFolder, "*", SearchOption.AllDirectories))
        {
            string target = Path.Combine(run, Path.GetRelativePath(report.RunFolder, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
        var record = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(run, "run.json")))!;
        string scan = Path.GetFileName(Path.GetDirectoryName(record["inputs"]!["flair"]!["path"]!.GetValue<string>()))!;
        record["model"]!["description"]!["validation"] = System.Text.Json.Nodes.JsonNode.Parse($$"""
            { "source": "test", "sites": [ { "site": "siteA", "scans": 2, "f1": 0.71, "ndsc": 0.64, "baseline_f1": 0.5, "baseline_ndsc": 0.55 } ],
              "scans": [ { "scan": "{{scan}}", "site": "siteA", "f1": 0.7, "ndsc": 0.6, "baseline_f1": 0.5, "baseline_ndsc": 0.5 } ] }
            """);
        File.WriteAllText(Path.Combine(run, "run.json"), record.ToJsonString());
        string html = File.ReadAllText(ReportBuilder.Build(run, Path.Combine(report.Scratch("validated-report"), "report")));
        Assert.Contains("siteA (2 scans): lesion F1 0.71, nDSC 0.64 (FLAIR threshold 0.50, 0.55)", html);
        Assert.Contains($"This scan is the validation scan {HtmlText.Escape(scan)}", html);
    }
}
