using InstanceSaliency.Imaging.Geometry;
using InstanceSaliency.Imaging.Volumes;
using InstanceSaliency.Reporting.Figures;

namespace InstanceSaliency.Reporting;

/// <summary>
/// The voxel box holding a cube of side <see cref="SideMm"/> mm centred on a lesion's centroid: what figures take
/// their colour limits from and what the browser view embeds. The box may reach past the grid (crops then pad).
/// </summary>
/// <param name="CentreMm">The lesion centroid in world mm.</param>
/// <param name="SideMm">The cube's side in mm.</param>
/// <param name="Origin">Voxel index of the box's first voxel (may be negative).</param>
/// <param name="Shape">Voxels along i, j, k.</param>
public sealed record LesionNeighbourhood((double X, double Y, double Z) CentreMm, double SideMm, (int I, int J, int K) Origin, GridShape Shape)
{
    /// <summary>The default side: 48 mm shows a lesion and its 10 mm rings with room around them.</summary>
    public const double DefaultSideMm = 48;

    /// <summary>The box around <paramref name="centreMm"/> on the grid of <paramref name="affine"/>.</summary>
    public static LesionNeighbourhood Around((double X, double Y, double Z) centreMm, Affine affine, double sideMm = DefaultSideMm)
    {
        var inverse = new WorldToVoxel(affine);
        var (ci, cj, ck) = inverse.Apply(centreMm.X, centreMm.Y, centreMm.Z);
        // Half-extent in voxels along each axis from the cube's corners (oblique grids need more than side/size).
        double hi = 0, hj = 0, hk = 0, h = sideMm / 2;
        foreach (double dx in new[] { -h, h }) foreach (double dy in new[] { -h, h }) foreach (double dz in new[] { -h, h })
        {
            var (i, j, k) = inverse.Apply(centreMm.X + dx, centreMm.Y + dy, centreMm.Z + dz);
            hi = Math.Max(hi, Math.Abs(i - ci)); hj = Math.Max(hj, Math.Abs(j - cj)); hk = Math.Max(hk, Math.Abs(k - ck));
        }
        int ni = (int)Math.Ceiling(2 * hi), nj = (int)Math.Ceiling(2 * hj), nk = (int)Math.Ceiling(2 * hk);
        var origin = ((int)Math.Round(ci - ni / 2.0), (int)Math.Round(cj - nj / 2.0), (int)Math.Round(ck - nk / 2.0));
        return new LesionNeighbourhood(centreMm, sideMm, origin, new GridShape(Math.Max(ni, 1), Math.Max(nj, 1), Math.Max(nk, 1))) { Grid = affine };
    }

    /// <summary>The same world cube on the grid of <paramref name="affine"/> (a map on the model's working grid); this box when the grid is this box's own.</summary>
    public LesionNeighbourhood On(Affine affine) =>
        Grid is { } own && own.ApproximatelyEquals(affine) ? this : Around(CentreMm, affine, SideMm);

    /// <summary>The affine of the grid the box was made on (null for a box made by hand).</summary>
    public Affine? Grid { get; init; }

    /// <summary>The voxels of <paramref name="volume"/> inside the box (parts past the grid are skipped).</summary>
    public IEnumerable<float> Values(Volume<float> volume)
    {
        var s = volume.Shape;
        for (int k = Math.Max(0, Origin.K); k < Math.Min(s.K, Origin.K + Shape.K); k++)
            for (int j = Math.Max(0, Origin.J); j < Math.Min(s.J, Origin.J + Shape.J); j++)
                for (int i = Math.Max(0, Origin.I); i < Math.Min(s.I, Origin.I + Shape.I); i++)
                    yield return volume[i, j, k];
    }

    /// <summary>max |v| over the box: the colour limit of a saliency map (0 when the box holds no finite value).</summary>
    public double MaxMagnitude(Volume<float> volume) =>
        Values(volume).Where(float.IsFinite).Select(v => Math.Abs((double)v)).DefaultIfEmpty(0).Max();

    /// <summary>The box cut out of <paramref name="volume"/> with its shifted affine; voxels past the grid are zero.</summary>
    public Volume<T> Crop<T>(Volume<T> volume) where T : unmanaged => volume.Reframe(Origin.I, Origin.J, Origin.K, Shape);
}
