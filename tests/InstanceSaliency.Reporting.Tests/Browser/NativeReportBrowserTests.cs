using InstanceSaliency.TestSupport;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using InstanceSaliency.Reporting.Serving;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace InstanceSaliency.Reporting.Tests.Browser;

/// <summary>
/// The report of a native MS3SEG run in a real headless Chromium (<see cref="NativeReportFixture"/>): the lesion view
/// loads the native FLAIR with its thick slices (voxel size as stored, not stretched to 1 mm) and overlays the
/// working-grid maps (1 mm) through their affines — lit anatomy, overlay colour and the green lesion outline on the
/// canvas — with no console error.
/// </summary>
[Collection(ReportCollection.Name)]
public sealed class NativeReportBrowserTests(NativeReportFixture report, BrowserFixture browser, ITestOutputHelper output) : IClassFixture<NativeReportFixture>
{
    [Fact]
    public async Task The_lesion_view_of_a_native_scan_shows_thick_slices_with_1_mm_maps_overlaid()
    {
        int port = LoopbackPort.Free();
        using var server = new StaticFileServer(report.ReportFolder, port);
        await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 1000 } });
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, m) => { if (m.Type == "error") errors.Add(m.Text); };
        page.PageError += (_, e) => errors.Add(e);
        page.RequestFailed += (_, r) => errors.Add($"request failed: {r.Url}");

        await page.GotoAsync(server.Url);
        await page.Locator("#lesions tbody tr").First.ClickAsync();
        await page.WaitForSelectorAsync("body[data-viewer-lesion='1']", new PageWaitForSelectorOptions { Timeout = 60_000 });
        var view = await page.EvaluateAsync<JsonElement>("""
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
              const pix = v => Array.from(v.hdr.pixDims.slice(1, 4));
              return { w, h, lit, coloured, green, background: pix(nv.volumes[0]), overlays: nv.volumes.slice(1).map(pix) };
            }
            """);
        output.WriteLine($"canvas {view}");
        int total = view.GetProperty("w").GetInt32() * view.GetProperty("h").GetInt32();
        Assert.True(view.GetProperty("lit").GetInt32() > total / 20, $"the NiiVue canvas is nearly empty: {view}");
        Assert.True(view.GetProperty("coloured").GetInt32() > 0, $"no overlay colour on the canvas: {view}");
        Assert.True(view.GetProperty("green").GetInt32() > 0, $"no lesion outline on the canvas: {view}");
        var background = view.GetProperty("background").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        Assert.Equal(6.5, background[2], 0.01);   // the FLAIR's own slices, as stored
        Assert.Equal(0.898, background[0], 0.01);
        var overlays = view.GetProperty("overlays").EnumerateArray().Select(o => o.EnumerateArray().Select(v => v.GetDouble()).ToArray()).ToList();
        Assert.Contains(overlays, o => o.All(s => Math.Abs(s - 1) < 0.01)); // a map on the 1 mm working grid
        string screenshot = Path.Combine(AppContext.BaseDirectory, "screenshots", "report-native.png");
        Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true });
        output.WriteLine($"screenshot {screenshot}");
        Assert.Empty(errors);
    }

}
