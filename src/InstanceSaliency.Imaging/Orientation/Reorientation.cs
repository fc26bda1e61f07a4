using InstanceSaliency.Imaging.Geometry;
using InstanceSaliency.Imaging.Volumes;

namespace InstanceSaliency.Imaging.Orientation;

/// <summary>
/// Reorientation to a named axis convention by axis permutation and flips only: every voxel value is copied,
/// none interpolated, and the transforms become A · T (<see cref="AxisPermutation.TargetToSourceIndex"/>) so
/// every voxel keeps its world position (nibabel's <c>as_closest_canonical</c> generalised to any convention:
/// <c>apply_orientation</c> on the array, <c>inv_ornt_aff</c> on the affine). Which source axis becomes which
/// target axis is decided from the chosen affine's axis codes (<see cref="AxisConvention.Of"/>).
/// </summary>
public static class Reorientation
{
    /// <summary>The permutation that takes <paramref name="geometry"/>'s voxel axes to <paramref name="convention"/>.</summary>
    public static AxisPermutation To(ImageGeometry geometry, AxisConvention convention, string name)
    {
        ArgumentNullException.ThrowIfNull(geometry);
        return AxisPermutation.Between(AxisConvention.Of(geometry.Affine, name), convention);
    }

    /// <summary>
    /// <paramref name="volume"/> with its voxel axes in <paramref name="convention"/>; the same object when no
    /// axis changes. <paramref name="name"/> (the file) appears in error messages.
    /// </summary>
    public static Volume<T> Apply<T>(Volume<T> volume, AxisConvention convention, string name) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(volume);
        ThreeDimensionalGrid.Require(volume.Shape, name);
        var permutation = To(volume.Geometry, convention, name);
        return permutation.IsIdentity ? volume : Permute(volume, permutation);
    }

    /// <summary>Applies <paramref name="permutation"/> to the voxels and the geometry.</summary>
    public static Volume<T> Permute<T>(Volume<T> volume, AxisPermutation permutation) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(volume);
        ArgumentNullException.ThrowIfNull(permutation);
        var source = volume.Shape;
        var target = permutation.TargetShape(source);
        long[] sourceStride = [1, source.I, (long)source.I * source.J];
        int[] sourceSize = [source.I, source.J, source.K];
        var stride = new long[3];
        long origin = 0;
        for (int t = 0; t < 3; t++)
        {
            int s = permutation.SourceAxis(t);
            stride[t] = permutation.Flipped(t) ? -sourceStride[s] : sourceStride[s];
            if (permutation.Flipped(t)) origin += (sourceSize[s] - 1) * sourceStride[s];
        }
        var input = volume.Voxels;
        var output = new T[input.Length];
        Parallel.For(0, target.K, k =>
        {
            for (int j = 0; j < target.J; j++)
            {
                long from = origin + k * stride[2] + j * stride[1];
                long to = target.Index(0, j, k);
                for (int i = 0; i < target.I; i++, from += stride[0]) output[to + i] = input[from];
            }
        });
        return new Volume<T>(output, ReorientedGeometry.Of(volume.Geometry, permutation));
    }
}
