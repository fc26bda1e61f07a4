using InstanceSaliency.Reporting.Figures;

namespace InstanceSaliency.Reporting;

/// <summary>What <see cref="ReportBuilder"/> writes and where.</summary>
public sealed record ReportOptions
{
    /// <summary>Folder of analysis plots (*.png, *.svg) to show, or null.</summary>
    public string? AnalysisFolder { get; init; }

    /// <summary>Side of the neighbourhood around each lesion, in mm, for figures and the embedded browser volumes.</summary>
    public double NeighbourhoodMm { get; init; } = LesionNeighbourhood.DefaultSideMm;

    /// <summary>Pixels per figure panel side.</summary>
    public int FigurePanelPixels { get; init; } = new LesionFigureOptions().PanelPixels;
}
