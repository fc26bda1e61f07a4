using InstanceSaliency.Imaging;
using InstanceSaliency.Reporting.Figures;
using InstanceSaliency.Reporting.Html;
using InstanceSaliency.Reporting.Runs;
using InstanceSaliency.Analysis.ExplainFolder;
using InstanceSaliency.Reporting.Viewer;

namespace InstanceSaliency.Reporting;

/// <summary>
/// The `ies report` use case: from an explain run folder, writes a self-contained report folder — index.html,
/// figures/lesion-&lt;id4&gt;.png, assets/lesions/lesion-&lt;id4&gt;.js (the lesion's neighbourhood, base64), the
/// vendored NiiVue and the page's script and style, and analysis/ (the plots given). It opens from file:// and
/// through `ies serve`. index.html is written last: its presence marks a complete report. The report is built in a
/// temporary folder and swapped into place (<see cref="ReportFolder"/>), after checking that run.json's FLAIR and
/// T1 are still the files the run read (<see cref="RunInputs.RequireUnchanged"/>). What the run folder lacks (maps/)
/// is reported through <c>progress</c> as messages starting with "warning: ".
/// </summary>
public static class ReportBuilder
{
    /// <summary>Builds the report of <paramref name="runFolder"/> into <paramref name="outputFolder"/>; returns the path of index.html.</summary>
    public static string Build(string runFolder, string outputFolder, ReportOptions? options = null, IProgress<string>? progress = null)
    {
        options ??= new ReportOptions();
        var run = RunFolder.Open(runFolder);
        if (options.AnalysisFolder is { } a && !Directory.Exists(a))
            throw new InvalidInputException($"--analysis {a}: no such folder.");
        run.Inputs.RequireUnchanged();
        foreach (string warning in run.MissingMaps()) progress?.Report("warning: " + warning);
        string final = Path.GetFullPath(outputFolder);
        string output = ReportFolder.BeginBuild(final);
        try
        {
            BuildInto(run, output, options, progress);
        }
        catch
        {
            ReportFolder.Abandon(output);
            throw;
        }
        ReportFolder.Commit(output, final);
        return Path.Combine(final, "index.html");
    }

    static void BuildInto(RunFolder run, string output, ReportOptions options, IProgress<string>? progress)
    {
        foreach (string folder in new[] { output, Path.Combine(output, "figures"), Path.Combine(output, "assets", "lesions") })
            Directory.CreateDirectory(folder);
        ReportAssets.CopyTo(Path.Combine(output, "assets"));

        progress?.Report("reading the scan");
        var flair = RunFolder.ReadInput(run.Inputs.FlairPath, "FLAIR");
        // A T1 stored on another grid (flipped, or resampled by explain) is shown as the network's input had it: on the FLAIR's grid.
        var t1 = Imaging.Resampling.T1OnFlairGrid.Map(flair, run.Inputs.FlairPath, RunFolder.ReadInput(run.Inputs.T1Path, "T1"), run.Inputs.T1Path).T1;
        var figureOptions = new LesionFigureOptions { FieldOfViewMm = options.NeighbourhoodMm, PanelPixels = options.FigurePanelPixels };
        foreach (var lesion in run.Lesions)
        {
            progress?.Report($"lesion {lesion.Id} ({lesion.TypeName})");
            var images = LesionImages.Load(run, lesion, flair, t1);
            var box = LesionNeighbourhood.Around(lesion.CentroidMm, flair.Affine, options.NeighbourhoodMm);
            string id4 = lesion.Id.ToString("D4", System.Globalization.CultureInfo.InvariantCulture);
            byte[] png = LesionFigure.Render(images, figureOptions);
            AtomicFile.Write(Path.Combine(output, "figures", $"lesion-{id4}.png"), s => s.Write(png));
            AtomicFile.WriteText(Path.Combine(output, "assets", "lesions", $"lesion-{id4}.js"), LesionViewerScript.Build(images, box));
        }
        var plots = CopyAnalysisPlots(options.AnalysisFolder, output);
        AtomicFile.WriteText(Path.Combine(output, "index.html"), ReportPage.Build(run, plots));
    }

    /// <summary>
    /// Copies each plot of <paramref name="folder"/> once (sorted by name) to analysis/: the SVG where `analyze` wrote
    /// both (sharp at any zoom), else the PNG; returns their paths relative to the report.
    /// </summary>
    static IReadOnlyList<string> CopyAnalysisPlots(string? folder, string output)
    {
        if (folder is null) return [];
        var plots = Directory.EnumerateFiles(folder)
            .Where(f => f.EndsWith(".png", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".svg", StringComparison.OrdinalIgnoreCase))
            .GroupBy(f => Path.ChangeExtension(f, null), StringComparer.Ordinal)
            .Select(g => g.FirstOrDefault(f => f.EndsWith(".svg", StringComparison.OrdinalIgnoreCase)) ?? g.First())
            .Order(StringComparer.Ordinal).ToList();
        Directory.CreateDirectory(Path.Combine(output, "analysis"));
        var relative = new List<string>();
        foreach (string plot in plots)
        {
            string name = Path.GetFileName(plot);
            using (var source = File.OpenRead(plot)) AtomicFile.Write(Path.Combine(output, "analysis", name), s => source.CopyTo(s));
            relative.Add("analysis/" + name);
        }
        return relative;
    }
}
