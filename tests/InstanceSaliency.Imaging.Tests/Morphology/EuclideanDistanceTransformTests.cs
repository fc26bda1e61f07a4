using InstanceSaliency.TestSupport;
using InstanceSaliency.Imaging.Geometry;
using InstanceSaliency.Imaging.Morphology;
using InstanceSaliency.Imaging.Volumes;
using static InstanceSaliency.Imaging.Tests.Morphology.MaskBuilder;

namespace InstanceSaliency.Imaging.Tests.Morphology;

public class EuclideanDistanceTransformTests
{
    /// <summary>min over foreground voxels of the distance in mm, by exhaustive search.</summary>
    static double BruteForce(Volume<byte> mask, int index)
    {
        var s = mask.Shape;
        var (si, sj, sk) = mask.Geometry.VoxelSizeMm;
        var (i, j, k) = s.Coordinates(index);
        double best = double.PositiveInfinity;
        for (int n = 0; n < mask.Voxels.Length; n++)
        {
            if (mask.Voxels[n] == 0) continue;
            var (a, b, c) = s.Coordinates(n);
            double di = (i - a) * si, dj = (j - b) * sj, dk = (k - c) * sk;
            best = Math.Min(best, di * di + dj * dj + dk * dk);
        }
        return Math.Sqrt(best);
    }

    [Theory]
    [InlineData(1, 0.8, 1.0, 2.5)]
    [InlineData(2, 2.0, 0.5, 1.2)]
    [InlineData(3, 1.0, 1.0, 1.0)]
    [InlineData(4, 0.3, 3.0, 0.9)]
    public void Distances_equal_brute_force_on_anisotropic_grids(int seed, double si, double sj, double sk)
    {
        var mask = Random(seed, Grid(13, 10, 9, si, sj, sk), blobs: 1, noise: 0.01);
        var distances = EuclideanDistanceTransform.DistanceToForegroundMm(mask).Voxels;
        for (int n = 0; n < distances.Length; n++)
            Assert.Equal(BruteForce(mask, n), distances[n], 1e-12);
    }

    [Fact]
    public void Large_grids_take_the_parallel_path_and_stay_exact()
    {
        var mask = Mask(Grid(48, 44, 40, 0.7, 1.1, 1.9), (3, 4, 5), (40, 30, 20), (20, 43, 39));
        Assert.True(mask.Voxels.Length >= 1 << 16);
        var distances = EuclideanDistanceTransform.DistanceToForegroundMm(mask).Voxels;
        for (int n = 0; n < distances.Length; n += 97)
            Assert.Equal(BruteForce(mask, n), distances[n], 1e-12);
    }

    [Fact]
    public void Voxel_sizes_come_from_the_affine_whatever_its_orientation()
    {
        // Flipped i and swapped j/k: voxel sizes along i, j, k are the column norms 0.8, 2.5, 1.0.
        var affine = Affine.FromRowMajor([-0.8, 0, 0, 10, 0, 0, 1.0, -5, 0, 2.5, 0, 3, 0, 0, 0, 1]);
        var geometry = ImageGeometry.FromAffine(new GridShape(5, 5, 5), affine);
        var distances = EuclideanDistanceTransform.DistanceToForegroundMm(Mask(geometry, (2, 2, 2)));
        Assert.Equal(0.0, distances[2, 2, 2]);
        Assert.Equal(0.8, distances[3, 2, 2], 1e-12);
        Assert.Equal(2.5, distances[2, 1, 2], 1e-12);
        Assert.Equal(1.0, distances[2, 2, 3], 1e-12);
        Assert.Equal(Math.Sqrt(0.64 + 6.25 + 1), distances[1, 3, 1], 1e-12);
    }

    [Fact]
    public void Without_foreground_every_distance_is_infinite()
    {
        var distances = EuclideanDistanceTransform.DistanceToForegroundMm(Volume<byte>.Zeros(Grid(4, 3, 2)));
        Assert.All(distances.Voxels, d => Assert.True(double.IsPositiveInfinity(d)));
    }

    public static TheoryData<string> CaseNames => ReferenceFixtures.Names("edt.json");

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Distances_equal_scipy_distance_transform_edt_with_sampling(string name)
    {
        var c = ReferenceFixtures.Case("edt.json", name);
        var spacing = c.GetProperty("spacing").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        var geometry = ImageGeometry.FromAffine(ReferenceFixtures.Shape(c), Affine.Diagonal(spacing[0], spacing[1], spacing[2]));
        var mask = ReferenceFixtures.Mask(c.GetProperty("mask"), geometry);
        var expected = ReferenceFixtures.Float64(c.GetProperty("distances"));

        var distances = EuclideanDistanceTransform.DistanceToForegroundMm(mask).Voxels;

        Assert.Equal(expected.Length, distances.Length);
        for (int n = 0; n < expected.Length; n++) Assert.Equal(expected[n], distances[n], 1e-12);
    }
}
