using InstanceSaliency.TestSupport;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using InstanceSaliency.Reporting.Serving;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace InstanceSaliency.Reporting.Tests.Browser;

/// <summary>
/// The report in a real headless Chromium: through `ies serve` (HTTP on 127.0.0.1) and straight from file://. Checks
/// the table against lesions.tsv, sorting, the NiiVue view of a clicked lesion (non-background pixels, read in the
/// same step as a redraw), the figure, no console error and no request leaving the report; saves screenshots.
/// </summary>
[Collection(ReportCollection.Name)]
public sealed class ReportPageBrowserTests(ReportFixture report, BrowserFixture browser, ITestOutputHelper output)
{
    [Fact]
    public async Task Served_report_shows_the_table_and_draws_the_clicked_lesion()
    {
        int port = LoopbackPort.Free();
        using var server = new StaticFileServer(report.ReportFolder, port);
        await CheckPage(server.Url, "served");
    }

    [Fact]
    public async Task Report_opened_from_file_works_offline()
    {
        await CheckPage(new Uri(report.IndexPath).AbsoluteUri, "file");
    }

    async Task CheckPage(string url, string name)
    {
        var clock = Stopwatch.StartNew();
        await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 1000 } });
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        var foreign = new List<string>();
        page.Console += (_, m) => { if (m.Type == "error") errors.Add(m.Text); };
        page.PageError += (_, e) => errors.Add(e);
        page.RequestFailed += (_, r) => errors.Add($"request failed: {r.Url}");
        page.Request += (_, r) =>
        {
            if (!(r.Url.StartsWith("file://", StringComparison.Ordinal) || r.Url.StartsWith("data:", StringComparison.Ordinal) || r.Url.StartsWith("http://127.0.0.1:", StringComparison.Ordinal)))
                foreign.Add(r.Url);
        };

        await page.GotoAsync(url);
        var tsvIds = File.ReadAllLines(Path.Combine(report.RunFolder, "lesions.tsv")).Skip(1).Where(l => l.Length > 0).Select(l => l.Split('\t')[0]).ToList();
        var rowIds = await page.Locator("#lesions tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.getAttribute('data-id'))");
        Assert.NotEmpty(tsvIds);
        Assert.Equal(tsvIds, rowIds);
        Assert.Contains(ReportFixture.HostileFlairName, await page.Locator(".inputs").InnerTextAsync());

        // Sort by voxels, descending (second click), and check the order.
        var voxelsHeader = page.Locator("#lesions thead th[title='voxels']");
        await voxelsHeader.ClickAsync();
        await voxelsHeader.ClickAsync();
        var voxels = await page.Locator("#lesions tbody tr").EvaluateAllAsync<double[]>("rows => rows.map(r => parseFloat(r.getAttribute('data-voxels')))");
        Assert.Equal(voxels.OrderByDescending(v => v), voxels);
        Assert.Equal("descending", await voxelsHeader.GetAttributeAsync("aria-sort"));

        // Click the first row (the largest lesion) and wait for NiiVue to draw it.
        string id = (await page.Locator("#lesions tbody tr").First.GetAttributeAsync("data-id"))!;
        await page.Locator("#lesions tbody tr").First.ClickAsync();
        await page.WaitForSelectorAsync($"body[data-viewer-lesion='{id}']", new PageWaitForSelectorOptions { Timeout = 30_000 });
        var pixels = await page.EvaluateAsync<JsonElement>("""
            () => {
              const nv = window.iesViewer;
              nv.drawScene();
              const gl = nv.gl, w = gl.drawingBufferWidth, h = gl.drawingBufferHeight;
              const px = new Uint8Array(w * h * 4);
              gl.readPixels(0, 0, w, h, gl.RGBA, gl.UNSIGNED_BYTE, px);
              let lit = 0, coloured = 0, green = 0;
              for (let n = 0; n < px.length; n += 4) {
                const r = px[n], g = px[n + 1], b = px[n + 2];
                if (r > 8 || g > 8 || b > 8) lit++;
                if (Math.max(r, g, b) - Math.min(r, g, b) > 60) coloured++;
                if (g > 150 && r < 100 && b < 100) green++;
              }
              return { w, h, lit, coloured, green };
            }
            """);
        output.WriteLine($"{name}: canvas {pixels}");
        int total = pixels.GetProperty("w").GetInt32() * pixels.GetProperty("h").GetInt32();
        Assert.True(pixels.GetProperty("lit").GetInt32() > total / 20, $"the NiiVue canvas is nearly empty: {pixels}");
        Assert.True(pixels.GetProperty("coloured").GetInt32() > 0, $"no overlay colour on the canvas: {pixels}");
        Assert.True(pixels.GetProperty("green").GetInt32() > 0, $"no lesion outline on the canvas: {pixels}");

        // The figure loads.
        await page.WaitForFunctionAsync("() => { const i = document.getElementById('figure'); return i.complete && i.naturalWidth > 0; }");

        // Grad-CAM++ toggle redraws without errors.
        await page.Locator("input[name=overlay][value=gradcampp]").CheckAsync();
        await page.Locator("input[name=overlay][value=smoothgrad_flair]").CheckAsync();

        string screenshot = Path.Combine(AppContext.BaseDirectory, "screenshots", $"report-{name}.png");
        Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true });
        if (name == "served") File.Copy(screenshot, "/tmp/report-screenshot.png", overwrite: true);
        output.WriteLine($"{name}: {clock.Elapsed.TotalSeconds:F1} s; screenshot {screenshot}");

        Assert.Empty(errors);
        Assert.Empty(foreign);
    }

}
