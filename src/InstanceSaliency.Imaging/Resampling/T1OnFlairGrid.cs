using InstanceSaliency.Imaging.Geometry;
using InstanceSaliency.Imaging.Orientation;
using InstanceSaliency.Imaging.Volumes;

namespace InstanceSaliency.Imaging.Resampling;

/// <summary>
/// The T1 on the FLAIR's grid (issue 14). Same grid (shape equal, affines within 1e-3 mm): as it is. The same grid
/// stored with its axes permuted or flipped (MS3SEG's 104252, 105074, 105755: LPS, voxel array flipped along j):
/// reordered exactly, no interpolation. Any other grid covering at least <see cref="WorldOverlap.MinimumFraction"/>
/// of the FLAIR's field of view: resampled through the two affines (trilinear, scipy order 1, 0 outside).
/// Less overlap is refused, naming the overlap. Used wherever a scan is read: segment, explain, training, the report.
/// </summary>
public static class T1OnFlairGrid
{
    /// <summary>The T1 on <paramref name="flair"/>'s grid, and a line for the user when it was reordered or resampled.</summary>
    public static (Volume<float> T1, string? Note) Map(Volume<float> flair, string flairName, Volume<float> t1, string t1Name)
    {
        ArgumentNullException.ThrowIfNull(flair);
        ArgumentNullException.ThrowIfNull(t1);
        if (t1.Geometry.SameGrid(flair.Geometry)) return (t1, null);
        ThreeDimensionalGrid.Require(t1.Shape, t1Name);
        double difference = t1.Shape == flair.Shape ? t1.Affine.MaxAbsDifference(flair.Affine) : double.NaN;
        string differs = double.IsNaN(difference) ? $"a {t1.Shape} grid against the FLAIR's {flair.Shape}" : $"largest affine difference {difference:G4} mm";
        double overlap = WorldOverlap.Require(flair.Geometry, flairName, t1.Geometry, t1Name);
        var reordered = Reorientation.Apply(t1, AxisConvention.Of(flair.Affine, flairName), t1Name);
        if (reordered.Geometry.SameGrid(flair.Geometry))
            return (new Volume<float>(reordered.Voxels, flair.Geometry),
                $"{t1Name}: stored in {AxisConvention.Of(t1.Affine, t1Name)} on the FLAIR's grid ({differs}); its voxel axes were reordered to the FLAIR's " +
                    $"{AxisConvention.Of(flair.Affine, flairName)} (exact, no interpolation).");
        return (Resample.Linear(t1, flair.Geometry, t1Name),
            $"{t1Name}: on another grid than the FLAIR ({differs}; it covers {overlap * 100:F1}% of the FLAIR's field of view); resampled onto the FLAIR's grid through the affines (trilinear).");
    }
}
