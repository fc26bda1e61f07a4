using System.Globalization;
using System.Text;
using InstanceSaliency.Reporting.Runs;
using InstanceSaliency.Analysis.ExplainFolder;

namespace InstanceSaliency.Reporting.Html;

/// <summary>
/// The lesion table of index.html: every column of lesions.tsv, one row per lesion, numbers kept exactly in
/// <c>data-value</c> for sorting and shown rounded. Columns other than the lesion's context and its main features
/// (peak, mean, FLAIR share) carry class "extra" and are hidden until the reader asks for all columns.
/// </summary>
public static class LesionTableHtml
{
    /// <summary>True for the columns shown by default.</summary>
    public static bool IsMain(string column) =>
        column is "id" or "type" or "voxels" or "volume_mm3" or "mean_probability" or "filtered" or "fp_probability"
        || column.EndsWith("_peak", StringComparison.Ordinal)
        || (column.EndsWith("_mean", StringComparison.Ordinal) && !column.Contains("_ring", StringComparison.Ordinal))
        || column.EndsWith("_flair_share", StringComparison.Ordinal);

    /// <summary>The &lt;table&gt; element.</summary>
    public static string Build(RunFolder run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var html = new StringBuilder("<table id=\"lesions\" class=\"compact\">\n<thead><tr>");
        foreach (string column in run.Columns)
            html.Append($"<th class=\"{Classes(column)}\" title=\"{HtmlText.Escape(column)}\">{HtmlText.Escape(column.Replace('_', ' '))}</th>");
        html.Append("</tr></thead>\n<tbody>\n");
        int voxelsColumn = IndexOf(run.Columns, "voxels");
        foreach (var lesion in run.Lesions)
        {
            string voxels = voxelsColumn >= 0 ? lesion.Fields[voxelsColumn] : "";
            string title = $"Lesion {lesion.Id} ({lesion.TypeName}{(voxels.Length > 0 ? $", {voxels} voxels" : "")})";
            // A lesion the false-positive filter dropped stays in the table, marked (issue 17).
            html.Append(lesion.Filtered ? "<tr class=\"filtered\"" : "<tr");
            html.Append($" data-id=\"{lesion.Id}\" data-type=\"{HtmlText.Escape(lesion.TypeName)}\" data-voxels=\"{HtmlText.Escape(voxels)}\" data-title=\"{HtmlText.Escape(title)}\">");
            for (int c = 0; c < run.Columns.Count; c++)
            {
                string column = run.Columns[c], field = lesion.Fields[c];
                if (column == "type")
                    html.Append($"<td class=\"{Classes(column)} type-{HtmlText.Escape(field)}\">{HtmlText.Escape(field)}</td>");
                else if (column == "filtered")
                    html.Append($"<td class=\"{Classes(column)}\">{(field == "true" ? FilteredFlag : HtmlText.Escape(field))}</td>");
                else
                    html.Append($"<td class=\"{Classes(column)}\" data-value=\"{HtmlText.Escape(field)}\">{HtmlText.Escape(Shown(field))}</td>");
            }
            html.Append("</tr>\n");
        }
        return html.Append("</tbody>\n</table>").ToString();
    }

    const string FilteredFlag = "<span class=\"filtered-flag\" title=\"dropped from labels.nii.gz by the model's false-positive filter\">filtered</span>";

    static string Classes(string column) => (column is "type" or "filtered" ? "text" : "num") + (IsMain(column) ? "" : " extra");

    static int IndexOf(IReadOnlyList<string> columns, string name)
    {
        for (int n = 0; n < columns.Count; n++) if (columns[n] == name) return n;
        return -1;
    }

    /// <summary>Four significant digits for reading; an empty field (undefined) shows as "NA", as R prints it.</summary>
    static string Shown(string field) =>
        field.Length == 0 ? "NA"
        : double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) ? v.ToString("G4", CultureInfo.InvariantCulture)
        : field;
}
