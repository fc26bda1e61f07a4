using InstanceSaliency.Imaging.Geometry;

namespace InstanceSaliency.Imaging.Volumes;

/// <summary>
/// A 3D image: a voxel buffer in NIfTI storage order (i fastest, then j, then k) together with the geometry
/// that places it in the world. The geometry travels with the data: crops and pads return new volumes with
/// shifted transforms, and operations on two volumes refuse mismatched grids.
/// </summary>
/// <typeparam name="T">Voxel type: float for images and maps, byte for masks, int for labels.</typeparam>
public sealed class Volume<T> where T : unmanaged
{
    /// <summary>Wraps <paramref name="voxels"/> (not copied) with its geometry.</summary>
    public Volume(T[] voxels, ImageGeometry geometry)
    {
        ArgumentNullException.ThrowIfNull(voxels);
        ArgumentNullException.ThrowIfNull(geometry);
        if (voxels.LongLength != geometry.Shape.VoxelCount)
            throw new ArgumentException(
                $"A {geometry.Shape} grid holds {geometry.Shape.VoxelCount} voxels; the buffer has {voxels.LongLength}.",
                nameof(voxels));
        Voxels = voxels;
        Geometry = geometry;
    }

    /// <summary>A zero-filled volume on <paramref name="geometry"/>.</summary>
    public static Volume<T> Zeros(ImageGeometry geometry) => new(new T[geometry.Shape.VoxelCount], geometry);

    /// <summary>The voxel values, i fastest.</summary>
    public T[] Voxels { get; }

    /// <summary>Where the voxels are in the world.</summary>
    public ImageGeometry Geometry { get; }

    /// <summary>Shortcut for <c>Geometry.Shape</c>.</summary>
    public GridShape Shape => Geometry.Shape;

    /// <summary>Shortcut for <c>Geometry.Affine</c>.</summary>
    public Affine Affine => Geometry.Affine;

    /// <summary>The voxel at (i, j, k).</summary>
    public ref T this[int i, int j, int k] => ref Voxels[Shape.Index(i, j, k)];

    /// <summary>A volume of another voxel type on the same geometry, converting each voxel.</summary>
    public Volume<TOut> Map<TOut>(Func<T, TOut> convert) where TOut : unmanaged
    {
        var output = new TOut[Voxels.Length];
        for (int n = 0; n < output.Length; n++) output[n] = convert(Voxels[n]);
        return new Volume<TOut>(output, Geometry);
    }

    /// <summary>A volume on the same geometry with other voxels (for results computed from this one).</summary>
    public Volume<TOut> WithVoxels<TOut>(TOut[] voxels) where TOut : unmanaged => new(voxels, Geometry);

    /// <summary>
    /// The box of shape <paramref name="shape"/> starting at voxel (<paramref name="i0"/>, <paramref name="j0"/>,
    /// <paramref name="k0"/>); parts outside this grid (negative starts, or past the end) are filled with
    /// <paramref name="fill"/>. The result's transforms are shifted so every voxel keeps its world position.
    /// </summary>
    public Volume<T> Reframe(int i0, int j0, int k0, GridShape shape, T fill = default)
    {
        var output = new T[shape.VoxelCount];
        if (!EqualityComparer<T>.Default.Equals(fill, default)) Array.Fill(output, fill);
        int iFrom = Math.Max(0, -i0), iTo = Math.Min(shape.I, Shape.I - i0);
        for (int k = 0; k < shape.K; k++)
        {
            int sk = k + k0;
            if ((uint)sk >= (uint)Shape.K) continue;
            for (int j = 0; j < shape.J; j++)
            {
                int sj = j + j0;
                if ((uint)sj >= (uint)Shape.J || iFrom >= iTo) continue;
                Array.Copy(Voxels, Shape.Index(iFrom + i0, sj, sk), output, shape.Index(iFrom, j, k), iTo - iFrom);
            }
        }
        return new Volume<T>(output, Geometry.Reframed(shape, i0, j0, k0));
    }

    /// <summary>Throws a clear error unless <paramref name="other"/> lies on the same grid (shape and affine within 1e-3 mm).</summary>
    public void RequireSameGrid<TOther>(Volume<TOther> other, string thisName, string otherName, double toleranceMm = 1e-3)
        where TOther : unmanaged
    {
        if (Shape != other.Shape)
            throw new GridMismatchException($"{otherName} has a {other.Shape} grid but {thisName} has {Shape}; resample one onto the other first.");
        double d = Affine.MaxAbsDifference(other.Affine);
        if (d > toleranceMm)
            throw new GridMismatchException(
                $"{otherName} and {thisName} have different affines (largest difference {d:G4} mm > {toleranceMm} mm); register or resample them onto one grid first.");
    }
}
