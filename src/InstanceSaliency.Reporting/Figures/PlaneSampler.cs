using InstanceSaliency.Imaging.Volumes;

namespace InstanceSaliency.Reporting.Figures;

/// <summary>
/// Samples a volume on a square of <see cref="Pixels"/>² points in a display plane through a world point, nearest
/// neighbour (voxels stay visible as voxels). Sampling in world mm respects voxel sizes and orientation: every
/// image appears the same way up whatever its storage order (LAS, RAS, oblique).
/// </summary>
/// <param name="CentreMm">The world point at the square's centre.</param>
/// <param name="FieldOfViewMm">The square's side in mm.</param>
/// <param name="Pixels">Pixels along each side.</param>
public sealed record PlaneSampler((double X, double Y, double Z) CentreMm, double FieldOfViewMm, int Pixels)
{
    /// <summary>Millimetres per pixel.</summary>
    public double MmPerPixel => FieldOfViewMm / Pixels;

    /// <summary>Values of <paramref name="volume"/> at every pixel of <paramref name="plane"/>, row by row; NaN outside the grid.</summary>
    public float[] Sample(Volume<float> volume, DisplayPlane plane)
    {
        ArgumentNullException.ThrowIfNull(volume);
        var inverse = new WorldToVoxel(volume.Affine);
        var output = new float[Pixels * Pixels];
        for (int row = 0; row < Pixels; row++)
            for (int column = 0; column < Pixels; column++)
            {
                double u = (column + 0.5 - Pixels / 2.0) * MmPerPixel, v = (row + 0.5 - Pixels / 2.0) * MmPerPixel;
                var (i, j, k) = inverse.Apply(
                    CentreMm.X + u * plane.Right.X + v * plane.Down.X,
                    CentreMm.Y + u * plane.Right.Y + v * plane.Down.Y,
                    CentreMm.Z + u * plane.Right.Z + v * plane.Down.Z);
                int ii = (int)Math.Round(i), jj = (int)Math.Round(j), kk = (int)Math.Round(k);
                output[row * Pixels + column] = volume.Shape.Contains(ii, jj, kk) ? volume[ii, jj, kk] : float.NaN;
            }
        return output;
    }
}
