using InstanceSaliency.Imaging.Geometry;
using InstanceSaliency.Imaging.Volumes;

namespace InstanceSaliency.Lesions.Tests;

static class Grids
{
    public static ImageGeometry Iso(int i, int j, int k) => ImageGeometry.FromAffine(new GridShape(i, j, k), Affine.Identity);

    public static ImageGeometry Spaced(int i, int j, int k, double si, double sj, double sk) =>
        ImageGeometry.FromAffine(new GridShape(i, j, k), Affine.Diagonal(si, sj, sk));

    public static Volume<byte> Mask(ImageGeometry geometry, params (int I, int J, int K)[] voxels)
    {
        var mask = Volume<byte>.Zeros(geometry);
        foreach (var (i, j, k) in voxels) mask[i, j, k] = 1;
        return mask;
    }

    /// <summary>Voxels of a 1×1×n row (i varies), for 1D metric cases.</summary>
    public static Volume<byte> Row(string pattern)
    {
        var voxels = pattern.Select(c => c == '1' ? (byte)1 : (byte)0).ToArray();
        return new Volume<byte>(voxels, Iso(voxels.Length, 1, 1));
    }
}
