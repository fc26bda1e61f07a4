using InstanceSaliency.TestSupport;
using InstanceSaliency.Imaging.Geometry;
using InstanceSaliency.Imaging.Morphology;
using InstanceSaliency.Imaging.Volumes;
using static InstanceSaliency.Imaging.Tests.Morphology.MaskBuilder;

namespace InstanceSaliency.Imaging.Tests.Morphology;

public class BinaryDilationTests
{
    /// <summary>Brute force: v is in the k-fold dilation iff some mask voxel u has step distance(v − u) ≤ k.</summary>
    static byte[] ByDistance(Volume<byte> mask, int k, Func<int, int, int, int> stepDistance)
    {
        var s = mask.Shape;
        var output = new byte[mask.Voxels.Length];
        var foreground = Enumerable.Range(0, mask.Voxels.Length).Where(n => mask.Voxels[n] != 0).Select(n => s.Coordinates(n)).ToArray();
        for (int n = 0; n < output.Length; n++)
        {
            var (i, j, kk) = s.Coordinates(n);
            foreach (var (a, b, c) in foreground)
                if (stepDistance(Math.Abs(i - a), Math.Abs(j - b), Math.Abs(kk - c)) <= k) { output[n] = 1; break; }
        }
        return output;
    }

    static int CityBlock(int a, int b, int c) => a + b + c;
    static int Chessboard(int a, int b, int c) => Math.Max(a, Math.Max(b, c));
    static int EighteenSteps(int a, int b, int c) => Math.Max(Chessboard(a, b, c), (a + b + c + 1) / 2);

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 4)]
    public void Dilation_by_k_with_the_6_element_thresholds_the_city_block_distance(int seed, int k)
    {
        var mask = Random(seed, Grid(11, 9, 8), blobs: 1, noise: 0.01);
        Assert.Equal(ByDistance(mask, k, CityBlock), BinaryDilation.Dilate(mask, Connectivity.Face, k).Voxels);
    }

    [Theory]
    [InlineData(4, 1)]
    [InlineData(5, 2)]
    [InlineData(6, 3)]
    public void Dilation_by_k_with_the_26_element_thresholds_the_chessboard_distance(int seed, int k)
    {
        var mask = Random(seed, Grid(11, 9, 8), blobs: 1, noise: 0.01);
        Assert.Equal(ByDistance(mask, k, Chessboard), BinaryDilation.Dilate(mask, Connectivity.FaceEdgeCorner, k).Voxels);
    }

    [Theory]
    [InlineData(7, 1)]
    [InlineData(8, 2)]
    [InlineData(9, 3)]
    public void Dilation_by_k_with_the_18_element_thresholds_max_of_chessboard_and_half_city_block(int seed, int k)
    {
        var mask = Random(seed, Grid(11, 9, 8), blobs: 1, noise: 0.01);
        Assert.Equal(ByDistance(mask, k, EighteenSteps), BinaryDilation.Dilate(mask, Connectivity.FaceEdge, k).Voxels);
    }

    [Fact]
    public void One_voxel_grows_into_the_structuring_element()
    {
        var mask = Mask(Grid(5, 5, 5), (2, 2, 2));
        Assert.Equal(7, BinaryMask.CountForeground(BinaryDilation.Dilate(mask, Connectivity.Face)));
        Assert.Equal(19, BinaryMask.CountForeground(BinaryDilation.Dilate(mask, Connectivity.FaceEdge)));
        Assert.Equal(27, BinaryMask.CountForeground(BinaryDilation.Dilate(mask, Connectivity.FaceEdgeCorner)));
    }

    [Fact]
    public void Zero_iterations_binarise_and_negative_ones_are_rejected()
    {
        var mask = new Volume<byte>([0, 5, 255, 0], Grid(4, 1, 1));
        Assert.Equal([0, 1, 1, 0], BinaryDilation.Dilate(mask, Connectivity.Face, 0).Voxels);
        Assert.Throws<ArgumentOutOfRangeException>(() => BinaryDilation.Dilate(mask, Connectivity.Face, -1));
    }

    public static TheoryData<string> CaseNames => ReferenceFixtures.Names("dilation.json");

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Dilation_equals_scipy_binary_dilation_with_iterations(string name)
    {
        var c = ReferenceFixtures.Case("dilation.json", name);
        var geometry = ImageGeometry.FromAffine(ReferenceFixtures.Shape(c), Affine.Identity);
        var mask = ReferenceFixtures.Mask(c.GetProperty("mask"), geometry);
        foreach (var r in c.GetProperty("results").EnumerateArray())
        {
            var connectivity = Connectivity.FromNeighbours(r.GetProperty("connectivity").GetInt32());
            int iterations = r.GetProperty("iterations").GetInt32();
            var expected = ReferenceFixtures.Mask(r.GetProperty("dilated"), geometry).Voxels;
            Assert.Equal(expected, BinaryDilation.Dilate(mask, connectivity, iterations).Voxels);
        }
    }
}
