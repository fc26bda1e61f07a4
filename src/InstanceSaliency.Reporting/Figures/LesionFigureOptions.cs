namespace InstanceSaliency.Reporting.Figures;

/// <summary>Size of the per-lesion figure: the field of view of every panel and its pixels.</summary>
public sealed record LesionFigureOptions
{
    /// <summary>Side of each panel in mm (the lesion's neighbourhood).</summary>
    public double FieldOfViewMm { get; init; } = LesionNeighbourhood.DefaultSideMm;

    /// <summary>Pixels along each side of a panel.</summary>
    public int PanelPixels { get; init; } = 192;
}
