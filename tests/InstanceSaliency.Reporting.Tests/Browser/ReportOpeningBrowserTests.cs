using InstanceSaliency.Analysis.ExplainFolder;
using Microsoft.Playwright;

namespace InstanceSaliency.Reporting.Tests.Browser;

/// <summary>
/// What a reader sees without clicking (issue 18): the report opens on a lesion — the first row, or the first TP when
/// the run has a ground truth — shows each analysis plot once, and offers the max-aggregation overlay when the run
/// computed it.
/// </summary>
[Collection(ReportCollection.Name)]
public sealed class ReportOpeningBrowserTests(ReportFixture report, BrowserFixture browser)
{
    [Fact]
    public async Task Opens_on_the_first_lesion_with_each_plot_once_and_the_max_overlay()
    {
        var (page, errors, context) = await Open(report.IndexPath);
        await using var _ = context;
        string first = (await page.Locator("#lesions tbody tr").First.GetAttributeAsync("data-id"))!;
        await page.WaitForSelectorAsync($"body[data-viewer-lesion='{first}']", new PageWaitForSelectorOptions { Timeout = 30_000 });
        Assert.Equal("#detail.shown", await page.EvaluateAsync<string>("() => document.querySelector('#detail.shown') ? '#detail.shown' : ''"));

        var plots = await page.Locator("section.analysis img").EvaluateAllAsync<string[]>("imgs => imgs.map(i => i.getAttribute('src'))");
        Assert.Equal(["analysis/peak <by> type.svg"], plots);

        var max = page.Locator("input[name=overlay][value='smoothgrad-max_flair']");
        Assert.False(await max.IsDisabledAsync());
        await max.CheckAsync();
        await page.Locator("input[name=overlay][value='smoothgrad-max_t1']").CheckAsync();
        Assert.Empty(errors);
    }

    [Fact]
    public async Task With_a_ground_truth_it_opens_on_the_first_TP_even_when_it_is_not_the_first_row()
    {
        // A copy of the run whose second lesion is typed TP (its voxels moved into labels.nii.gz, where TP lesions live).
        string run = report.Scratch("run-tp-second");
        CopyFolder(report.RunFolder, run);
        File.Copy(Path.Combine(run, ExplainFiles.Missed), Path.Combine(run, ExplainFiles.Labels), overwrite: true);
        var lines = File.ReadAllLines(Path.Combine(run, ExplainFiles.LesionTable));
        Assert.True(lines.Length >= 3, "the fixture run needs two lesions");
        var second = lines[2].Split('\t');
        second[1] = "TP";
        lines[2] = string.Join('\t', second);
        File.WriteAllLines(Path.Combine(run, ExplainFiles.LesionTable), lines);
        string index = ReportBuilder.Build(run, report.Scratch("report-tp-second"));

        var (page, errors, context) = await Open(index);
        await using var _ = context;
        await page.WaitForSelectorAsync($"body[data-viewer-lesion='{second[0]}']", new PageWaitForSelectorOptions { Timeout = 30_000 });
        Assert.NotEqual(second[0], await page.Locator("#lesions tbody tr").First.GetAttributeAsync("data-id"));
        Assert.Empty(errors);
    }

    async Task<(IPage Page, List<string> Errors, IBrowserContext Context)> Open(string index)
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 1000 } });
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, m) => { if (m.Type == "error") errors.Add(m.Text); };
        page.PageError += (_, e) => errors.Add(e);
        await page.GotoAsync(new Uri(index).AbsoluteUri);
        return (page, errors, context);
    }

    static void CopyFolder(string from, string to)
    {
        foreach (string dir in Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, dir)));
        Directory.CreateDirectory(to);
        foreach (string file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
            File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)));
    }
}
