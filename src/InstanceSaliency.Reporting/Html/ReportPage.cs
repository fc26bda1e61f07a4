using System.Text;
using InstanceSaliency.Imaging;
using InstanceSaliency.Reporting.Runs;
using InstanceSaliency.Analysis.ExplainFolder;

namespace InstanceSaliency.Reporting.Html;

/// <summary>
/// index.html: the run's inputs (file names; the sample's citation when the input is the sample scan), the lesion
/// table with its filters, the chosen lesion's NiiVue view and figure, and the analysis plots. Every text taken
/// from files is escaped; every link is relative; the favicon is inline, so the page makes no request it cannot
/// satisfy from its own folder.
/// </summary>
public static class ReportPage
{
    /// <summary>The page for <paramref name="run"/>; <paramref name="analysisPlots"/> are paths relative to the report folder.</summary>
    public static string Build(RunFolder run, IReadOnlyList<string> analysisPlots)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(analysisPlots);
        var inputs = run.Inputs;
        var html = new StringBuilder();
        html.Append($$"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>InstanceSaliency report: {{HtmlText.Escape(Path.GetFileName(inputs.FlairPath))}}</title>
            <link rel="icon" href="{{Favicon.DataUrl}}">
            <link rel="stylesheet" href="assets/report/report.css">
            </head>
            <body>
            <h1>InstanceSaliency report</h1>
            <p class="inputs">FLAIR <b>{{Name(inputs.FlairPath)}}</b> · T1 <b>{{Name(inputs.T1Path)}}</b>{{(inputs.TruthPath is { } t ? $" · ground truth <b>{Name(t)}</b>" : " · no ground " +
                "truth")}} · model <b>{{Name(inputs.ModelPath)}}</b></p>

            """);
        if (inputs.IsSampleScan) html.Append($"<p class=\"citation\">Sample scan: {HtmlText.Escape(SampleScan.Citation)}</p>\n");
        if (inputs.ModelValidation is { } validation) html.Append(ModelValidation(validation, inputs));
        html.Append($$"""
            <p class="note">{{run.Lesions.Count}} lesion(s) explained. The first lesion (the first TP with a ground truth) is shown below; click a column to sort,
                a row to view another lesion. Saliency is the
            derivative of the lesion's summed logit with respect to each input voxel (method.md §4–6): red raises the lesion's
            score, blue lowers it. Display: radiological convention (the patient's right on the left).</p>
            <div class="controls">
            <label>Type <select id="type-filter"><option value="all">all</option><option value="TP">TP</option><option value="FP">FP</option>
              <option value="FN">FN</option><option value="unlabelled">unlabelled</option></select></label>
            <label>Min. voxels <input id="min-voxels" type="number" min="0" step="1" style="width:5rem"></label>
            <label><input id="all-columns" type="checkbox"> all columns (rings, sums, min/max)</label>
            <span><span id="shown-count">{{run.Lesions.Count}}</span> shown</span>
            </div>
            <div class="table-wrap">
            {{LesionTableHtml.Build(run)}}
            </div>
            <section id="detail" class="detail">
            <h2 id="detail-title">Lesion</h2>
            <div class="controls">
            <span>Overlay:</span>
            <label><input type="radio" name="overlay" value="smoothgrad_flair" checked> SmoothGrad, FLAIR channel</label>
            <label><input type="radio" name="overlay" value="smoothgrad_t1"> SmoothGrad, T1 channel (on T1)</label>
            {{MaxOverlay(run)}}
            <label><input type="radio" name="overlay" value="gradcampp"> Grad-CAM++</label>
            <label><input type="radio" name="overlay" value="none"> none</label>
            <label><input id="show-outline" type="checkbox" checked> lesion outline</label>
            </div>
            <div class="viewer">
            <div class="viewer-canvas"><canvas id="gl"></canvas></div>
            <div class="legend">
            <p><span class="swatch" style="background:#00e040"></span>lesion boundary voxels</p>
            <p id="legend-signed"><span class="swatch" style="background:#d7301f"></span>positive / <span class="swatch" style="background:#2b5cd7"></span>negative saliency;
            full colour at ±<span id="signed-limit"></span> (max |value| within 24 mm), hidden below 5 %.</p>
            <p id="legend-cam" hidden><span class="swatch" style="background:#ffb000"></span>Grad-CAM++ (non-negative), hidden below 5 % of its maximum.</p>
            <p id="viewer-status" class="note"></p>
            </div>
            </div>
            <h2>Figure</h2>
            <div class="figure"><img id="figure" alt="Orthogonal slices through the lesion centroid"></div>
            </section>

            """);
        if (analysisPlots.Count > 0)
        {
            html.Append("<section class=\"analysis\">\n<h2>Analyses</h2>\n");
            foreach (string plot in analysisPlots)
                html.Append($"<figure><img src=\"{HtmlText.Escape(plot)}\" " +
                    $"alt=\"{HtmlText.Escape(Path.GetFileName(plot))}\"><figcaption>{HtmlText.Escape(Path.GetFileName(plot))}</figcaption></figure>\n");
            html.Append("</section>\n");
        }
        html.Append("""
            <p class="note">Viewer: NiiVue 0.69.0 (BSD-2-Clause, see assets/niivue/LICENSE).</p>
            <script src="assets/niivue/niivue.umd.js"></script>
            <script src="assets/report/report.js"></script>
            </body>
            </html>

            """);
        return html.ToString();
    }

    /// <summary>The max-aggregation radios, only when the run computed smoothgrad-max (its maps exist for the first lesion).</summary>
    static string MaxOverlay(RunFolder run) =>
        run.Lesions.Count > 0 && run.MapPath(run.Lesions[0].Id, "smoothgrad-max", "flair") is not null
            ? "<label><input type=\"radio\" name=\"overlay\" value=\"smoothgrad-max_flair\"> SmoothGrad max, FLAIR channel</label>\n" +
              "<label><input type=\"radio\" name=\"overlay\" value=\"smoothgrad-max_t1\"> SmoothGrad max, T1 channel (on T1)</label>"
            : "";

    /// <summary>
    /// The model's validation figures as its package states them, per site beside the FLAIR-threshold baseline, and
    /// whether this scan was one of the validation scans (its figures then helped choose the model: optimistic).
    /// </summary>
    static string ModelValidation(RecordedModelValidation validation, RunInputs inputs)
    {
        var c = System.Globalization.CultureInfo.InvariantCulture;
        var sites = string.Join("; ", validation.Sites.Select(s => string.Create(c,
            $"{HtmlText.Escape(s.Site)} ({s.Scans} scan{(s.Scans == 1 ? "" : "s")}): lesion F1 {s.F1:F2}, nDSC {s.Ndsc:F2} (FLAIR threshold {s.BaselineF1:F2}, {s.BaselineNdsc:F2})")));
        // The scan's folder names it (MS3SEG 104252/, Lesjak patient26/, the sample lesjak2017-patient26/).
        string folder = Path.GetFileName(Path.GetDirectoryName(inputs.FlairPath)) ?? "";
        var own = validation.Scans.FirstOrDefault(s => s.Scan.Length > 0 && (folder == s.Scan || folder.EndsWith("-" + s.Scan, StringComparison.Ordinal)));
        string note = own.Scan is { Length: > 0 }
            ? $" This scan is the validation scan {HtmlText.Escape(own.Scan)}: it helped choose the model's checkpoint and post-processing, so the model does better on it than on a scan it never met."
            : "";
        return $"<p class=\"model-validation\">Model validation, as its package states it: {sites}.{note}</p>\n";
    }

    static string Name(string path) => HtmlText.Escape(Path.GetFileName(path));
}
