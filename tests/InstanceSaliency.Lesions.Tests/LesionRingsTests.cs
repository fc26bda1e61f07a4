using InstanceSaliency.Imaging.Geometry;
using InstanceSaliency.Imaging.Volumes;
using static InstanceSaliency.Lesions.Tests.Grids;

namespace InstanceSaliency.Lesions.Tests;

public class LesionRingsTests
{
    [Fact]
    public void A_single_voxel_at_1mm_has_its_6_face_neighbours_in_ring_1_and_26_voxels_in_ring_2()
    {
        var geometry = Iso(31, 31, 31);
        int centre = (int)geometry.Shape.Index(15, 15, 15);

        var rings = LesionRings.Around(geometry, [centre]);

        Assert.Equal(10, rings.Count);
        Assert.Equal(6, rings.Ring(1).Count);   // d = 1
        Assert.Equal(26, rings.Ring(2).Count);  // 12 at √2, 8 at √3, 6 at 2
        Assert.Contains((int)geometry.Shape.Index(16, 15, 15), rings.Ring(1));
        Assert.Contains((int)geometry.Shape.Index(17, 15, 15), rings.Ring(2));
        Assert.Contains((int)geometry.Shape.Index(16, 16, 16), rings.Ring(2));
        Assert.DoesNotContain(centre, rings.Ring(1));
    }

    /// <summary>Ring membership by exhaustive search over the whole grid.</summary>
    static List<int>[] BruteForce(ImageGeometry geometry, int[] lesion, int ringCount)
    {
        var s = geometry.Shape;
        var (si, sj, sk) = geometry.VoxelSizeMm;
        var inside = lesion.ToHashSet();
        var rings = Enumerable.Range(0, ringCount).Select(_ => new List<int>()).ToArray();
        for (int n = 0; n < s.VoxelCount; n++)
        {
            if (inside.Contains(n)) continue;
            var (i, j, k) = s.Coordinates(n);
            double best = double.PositiveInfinity;
            foreach (int v in lesion)
            {
                var (a, b, c) = s.Coordinates(v);
                double di = (i - a) * si, dj = (j - b) * sj, dk = (k - c) * sk;
                best = Math.Min(best, di * di + dj * dj + dk * dk);
            }
            double d = Math.Sqrt(best);
            for (int r = 1; r <= ringCount; r++)
                if (r - 1 < d && d <= r) rings[r - 1].Add(n);
        }
        return rings;
    }

    [Theory]
    [InlineData(0.8, 1.0, 2.5, 10)]
    [InlineData(1.0, 1.0, 1.0, 10)]
    [InlineData(0.5, 1.7, 1.1, 4)]
    public void Rings_equal_brute_force_on_anisotropic_grids_including_lesions_at_the_border(double si, double sj, double sk, int ringCount)
    {
        var geometry = Spaced(24, 20, 9, si, sj, sk);
        var s = geometry.Shape;
        // An L-shaped lesion near the k = 0 border and the i = 23 border.
        int[] lesion = [(int)s.Index(20, 10, 0), (int)s.Index(21, 10, 0), (int)s.Index(22, 10, 0), (int)s.Index(22, 11, 0), (int)s.Index(22, 11, 1)];

        var rings = LesionRings.Around(geometry, lesion, ringCount);
        var expected = BruteForce(geometry, lesion, ringCount);

        for (int r = 1; r <= ringCount; r++) Assert.Equal(expected[r - 1], rings.Ring(r));
        Assert.True(rings.Ring(ringCount).Count > 0);
    }

    [Fact]
    public void Ring_numbers_outside_one_to_k_and_empty_lesions_are_rejected()
    {
        var geometry = Iso(5, 5, 5);
        var rings = LesionRings.Around(geometry, [62], ringCount: 3);
        Assert.Throws<ArgumentOutOfRangeException>(() => rings.Ring(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => rings.Ring(4));
        Assert.Throws<ArgumentException>(() => LesionRings.Around(geometry, []));
        Assert.Throws<ArgumentOutOfRangeException>(() => LesionRings.Around(geometry, [62], ringCount: 0));
    }
}
