using InstanceSaliency.Imaging.Geometry;

namespace InstanceSaliency.Imaging.Resampling;

/// <summary>
/// Where a target voxel lies in source voxel coordinates: s = M · v with M = A_src⁻¹ · A_tgt (3×4, units:
/// source voxels per target voxel). Resampling only ever goes through this product of the two affines, so a
/// grid's position in the world is all that matters, never its voxel order.
/// </summary>
public readonly struct VoxelMapping
{
    readonly Affine _m;

    /// <summary>The mapping from <paramref name="target"/>'s voxels to <paramref name="source"/>'s.</summary>
    public VoxelMapping(Affine source, Affine target)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        _m = source.Inverse().Multiply(target);
    }

    /// <summary>M as an affine (target index → source index).</summary>
    public Affine Matrix => _m;

    /// <summary>Source coordinates of target voxel (i, j, k).</summary>
    public (double I, double J, double K) Apply(double i, double j, double k) => _m.Apply(i, j, k);

    /// <summary>The source displacement of one target step along target axis <paramref name="targetAxis"/>: column t of M.</summary>
    public (double I, double J, double K) Step(int targetAxis) => (_m[0, targetAxis], _m[1, targetAxis], _m[2, targetAxis]);

    /// <summary>
    /// How many source voxels one target step covers along source axis <paramref name="sourceAxis"/>, at most:
    /// max over target axes t of |M[a, t]|. For grids with parallel axes this is spacing_tgt / spacing_src.
    /// </summary>
    public double SourceVoxelsPerStep(int sourceAxis) =>
        Math.Max(Math.Abs(_m[sourceAxis, 0]), Math.Max(Math.Abs(_m[sourceAxis, 1]), Math.Abs(_m[sourceAxis, 2])));
}
