namespace InstanceSaliency.Reporting.Figures;

/// <summary>
/// An orthogonal display plane in world (scanner RAS+) space, in the radiological convention used throughout the
/// report: the patient's right on the viewer's left in axial and coronal views, anterior on the left in sagittal
/// views, superior at the top. <see cref="Right"/> and <see cref="Down"/> are the unit world directions of the
/// screen's x (rightwards) and y (downwards) axes.
/// </summary>
/// <param name="Name">"axial", "coronal" or "sagittal".</param>
/// <param name="Right">World direction of increasing screen column.</param>
/// <param name="Down">World direction of increasing screen row.</param>
/// <param name="Edges">Anatomical letters at the left, right, top and bottom edges.</param>
public sealed record DisplayPlane(string Name, (double X, double Y, double Z) Right, (double X, double Y, double Z) Down, (string Left, string Right, string Top, string Bottom) Edges)
{
    /// <summary>Seen from the feet: R on the left, anterior at the top.</summary>
    public static DisplayPlane Axial { get; } = new("axial", (-1, 0, 0), (0, -1, 0), ("R", "L", "A", "P"));

    /// <summary>Seen from the front: R on the left, superior at the top.</summary>
    public static DisplayPlane Coronal { get; } = new("coronal", (-1, 0, 0), (0, 0, -1), ("R", "L", "S", "I"));

    /// <summary>Seen from the patient's left: anterior on the left, superior at the top.</summary>
    public static DisplayPlane Sagittal { get; } = new("sagittal", (0, -1, 0), (0, 0, -1), ("A", "P", "S", "I"));

    /// <summary>The three planes in figure order.</summary>
    public static IReadOnlyList<DisplayPlane> All { get; } = [Axial, Coronal, Sagittal];
}
