using InstanceSaliency.Imaging.Geometry;
using InstanceSaliency.Imaging.Resampling;
using InstanceSaliency.Models.Checkpoints;

namespace InstanceSaliency.Models.Inference;

/// <summary>
/// The grid a model works on for one scan (issue 14): with <see cref="ModelDescription.SpacingMm"/>, the FLAIR
/// reoriented to the model's <see cref="ModelDescription.AxisConvention"/> by permutation/flip (exact) and
/// resampled to that spacing over the FLAIR's field of view (<see cref="WorkingGrid.For"/>,
/// <see cref="WorkingGridGeometry"/>); without it, the FLAIR's own grid (nothing reoriented or resampled, as a
/// user's MONAI checkpoint expects). A 1 mm scan in the model's convention gets the native grid either way.
/// </summary>
public static class ModelWorkingGrid
{
    /// <summary>
    /// The working grid of <paramref name="description"/>'s model for a FLAIR of geometry <paramref name="flair"/>
    /// (file <paramref name="flairName"/>); null when the network runs on the FLAIR's own grid (no spacing_mm, or a
    /// grid that is already the working grid).
    /// </summary>
    public static WorkingGrid? For(ModelDescription description, ImageGeometry flair, string flairName)
    {
        ArgumentNullException.ThrowIfNull(description);
        ArgumentNullException.ThrowIfNull(flair);
        if (description.SpacingMm is not { } spacing) return null;
        var convention = AxisConvention.Parse(description.AxisConvention ?? ModelDescription.DefaultAxisConvention, "axis_convention");
        var grid = WorkingGrid.For(flair, (spacing[0], spacing[1], spacing[2]), convention, flairName);
        return grid.IsNative ? null : grid;
    }
}
