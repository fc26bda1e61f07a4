namespace InstanceSaliency.Imaging.Resampling;

/// <summary>
/// Which source coordinates are sampled, and how near-integer ones are treated. The rule is that of
/// scipy.ndimage.map_coordinates(mode='constant', cval=0) in scipy 1.10 (checked on the installed version,
/// orders 0 and 1): a point is inside when 0 ≤ c ≤ n − 1 on every axis (the closed span of the voxel centres,
/// not the field-of-view box); any other point is 0. Points in the outer half voxel are therefore 0.
/// <para>
/// One addition: a coordinate within <see cref="SnapTolerance"/> of an integer is taken as that integer before
/// the test. NIfTI stores affines in float32 (relative precision 6e-8), so two grids that are the same up to a
/// flip — MS3SEG's T1s stored LPS on an LAS FLAIR — map voxel centres to c = 254.999995 instead of 255; without
/// the snap those voxels would be blended (or fall outside), with it they are copied exactly, and resampling
/// onto the same grid is the identity. The difference to scipy is at most 1e-4 of a neighbour difference.
/// </para>
/// </summary>
public static class SamplingBoundary
{
    /// <summary>Distance to an integer (in source voxels) below which a coordinate is that integer.</summary>
    public const double SnapTolerance = 1e-4;

    /// <summary>The integer nearest to <paramref name="c"/> when within <see cref="SnapTolerance"/>, else <paramref name="c"/>.</summary>
    public static double Snap(double c)
    {
        double r = Math.Round(c);
        return Math.Abs(c - r) < SnapTolerance ? r : c;
    }

    /// <summary>True when 0 ≤ <paramref name="c"/> ≤ <paramref name="size"/> − 1 (after <see cref="Snap"/>).</summary>
    public static bool Inside(double c, int size) => c >= 0 && c <= size - 1;
}
