using InstanceSaliency.Imaging.Geometry;

namespace InstanceSaliency.Imaging.Orientation;

/// <summary>
/// An exact change of voxel order: target axis t reads source axis <see cref="SourceAxis"/>(t), reversed when
/// <see cref="Flipped"/>(t). As nibabel's <c>ornt_transform</c>; the index map is
/// s[SourceAxis(t)] = Flipped(t) ? n_src[SourceAxis(t)] − 1 − v[t] : v[t] for target voxel v.
/// </summary>
public sealed class AxisPermutation
{
    readonly int[] _sourceAxis;
    readonly bool[] _flipped;

    AxisPermutation(int[] sourceAxis, bool[] flipped)
    {
        _sourceAxis = sourceAxis;
        _flipped = flipped;
    }

    /// <summary>The source voxel axis (0 = i, 1 = j, 2 = k) that target axis <paramref name="targetAxis"/> reads.</summary>
    public int SourceAxis(int targetAxis) => _sourceAxis[targetAxis];

    /// <summary>True when target axis <paramref name="targetAxis"/> runs against its source axis.</summary>
    public bool Flipped(int targetAxis) => _flipped[targetAxis];

    /// <summary>True when nothing changes (same axes, no flips).</summary>
    public bool IsIdentity => _sourceAxis.SequenceEqual([0, 1, 2]) && !_flipped.Any(f => f);

    /// <summary>The permutation taking voxel axes of convention <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static AxisPermutation Between(AxisConvention from, AxisConvention to)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        var sourceAxis = new int[3];
        var flipped = new bool[3];
        for (int t = 0; t < 3; t++)
        {
            int s = Enumerable.Range(0, 3).Single(a => from.WorldAxis(a) == to.WorldAxis(t));
            sourceAxis[t] = s;
            flipped[t] = from.Sign(s) != to.Sign(t);
        }
        return new AxisPermutation(sourceAxis, flipped);
    }

    /// <summary>The target grid's shape: n_tgt[t] = n_src[SourceAxis(t)].</summary>
    public GridShape TargetShape(GridShape source)
    {
        int[] n = [source.I, source.J, source.K];
        return new GridShape(n[_sourceAxis[0]], n[_sourceAxis[1]], n[_sourceAxis[2]]);
    }

    /// <summary>
    /// T with source index = T · target index (homogeneous, 4×4, entries 0, ±1 and n − 1): the target affine is
    /// A_src · T, so every voxel keeps its world position (nibabel's <c>inv_ornt_aff</c>).
    /// </summary>
    public Affine TargetToSourceIndex(GridShape source)
    {
        int[] n = [source.I, source.J, source.K];
        var m = new double[16];
        for (int t = 0; t < 3; t++)
        {
            int s = _sourceAxis[t];
            m[s * 4 + t] = _flipped[t] ? -1 : 1;
            m[s * 4 + 3] = _flipped[t] ? n[s] - 1 : 0;
        }
        m[15] = 1;
        return Affine.FromRowMajor(m);
    }

    public override string ToString() =>
        string.Join(",", Enumerable.Range(0, 3).Select(t => (_flipped[t] ? "-" : "+") + "ijk"[_sourceAxis[t]]));
}
