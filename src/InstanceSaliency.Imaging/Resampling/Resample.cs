using InstanceSaliency.Imaging.Geometry;
using InstanceSaliency.Imaging.Volumes;

namespace InstanceSaliency.Imaging.Resampling;

/// <summary>
/// Resampling through the affines: the value at target voxel v is the source sampled at
/// s = A_src⁻¹ · A_tgt · v (<see cref="VoxelMapping"/>), with the boundary rule of
/// scipy.ndimage.map_coordinates(mode='constant', cval=0) (<see cref="SamplingBoundary"/>). The result lies on
/// <c>target</c> exactly (its shape, qform and sform); the source is never modified.
/// </summary>
public static class Resample
{
    /// <summary>
    /// Trilinear (scipy order 1) for intensities and probabilities. With <paramref name="antiAlias"/>, the source
    /// is first blurred along each axis where the target is coarser (<see cref="AntiAliasing"/>), as
    /// skimage.transform.resize(anti_aliasing=True). <paramref name="name"/> (the file) appears in errors.
    /// </summary>
    public static Volume<float> Linear(Volume<float> source, ImageGeometry target, string name, bool antiAlias = false)
    {
        Check(source, target, name);
        var mapping = new VoxelMapping(source.Affine, target.Affine);
        var input = antiAlias ? GaussianPrefilter.Apply(source.Voxels, source.Shape, AntiAliasing.Sigmas(mapping)) : source.Voxels;
        var shape = source.Shape;
        var output = new float[target.Shape.VoxelCount];
        TargetRows.ForEach(target.Shape, mapping, row => TrilinearRow.Sample(input, shape, row, output));
        return new Volume<float>(output, target);
    }

    /// <summary>Nearest neighbour (scipy order 0) for label maps: every output value is a source value or 0.</summary>
    public static Volume<T> Nearest<T>(Volume<T> source, ImageGeometry target, string name) where T : unmanaged
    {
        Check(source, target, name);
        var mapping = new VoxelMapping(source.Affine, target.Affine);
        var (input, shape) = (source.Voxels, source.Shape);
        var output = new T[target.Shape.VoxelCount];
        TargetRows.ForEach(target.Shape, mapping, row =>
        {
            for (int i = 0; i < row.Length; i++)
            {
                long n = NearestKernel.Index(shape, row.X0 + i * row.Dx, row.Y0 + i * row.Dy, row.Z0 + i * row.Dz);
                if (n >= 0) output[row.OutputIndex + i] = input[n];
            }
        });
        return new Volume<T>(output, target);
    }

    /// <summary>A binary mask (0/1) on another grid: trilinear interpolation of the 0/1 values, then &gt; 0.5.</summary>
    public static Volume<byte> Mask(Volume<byte> mask, ImageGeometry target, string name)
    {
        ArgumentNullException.ThrowIfNull(mask);
        var linear = Linear(mask.Map(v => v != 0 ? 1f : 0f), target, name);
        return linear.Map(v => v > 0.5f ? (byte)1 : (byte)0);
    }

    static void Check<T>(Volume<T> source, ImageGeometry target, string name) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        ThreeDimensionalGrid.Require(source.Shape, name);
    }
}
