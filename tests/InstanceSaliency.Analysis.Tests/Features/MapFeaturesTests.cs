using InstanceSaliency.Analysis.Features;
using InstanceSaliency.Imaging.Geometry;
using InstanceSaliency.Lesions;

namespace InstanceSaliency.Analysis.Tests.Features;

public sealed class MapFeaturesTests
{
    static readonly ImageGeometry Grid = ImageGeometry.FromAffine(new GridShape(9, 9, 9), Affine.Identity);

    [Fact]
    public void Inside_features_of_a_hand_made_map()
    {
        var map = new float[Grid.Shape.VoxelCount];
        int a = (int)Grid.Shape.Index(4, 4, 4), b = (int)Grid.Shape.Index(5, 4, 4), c = (int)Grid.Shape.Index(4, 5, 4);
        map[a] = 2; map[b] = -3; map[c] = 0.5f;
        var lesion = new[] { a, b, c };
        var features = MapFeatures.Of(map, lesion, LesionRings.Around(Grid, lesion));

        Assert.Equal(-0.5, features.Sum, 6);
        Assert.Equal(-0.5 / 3, features.Mean, 6);
        Assert.Equal(2, features.Max);
        Assert.Equal(-3, features.Min);
        Assert.Equal(-3, features.Peak); // signed value of largest magnitude
        Assert.Equal(5.5, features.AbsoluteSum, 6);
    }

    [Fact]
    public void Peak_keeps_the_first_voxel_on_ties()
    {
        var map = new float[Grid.Shape.VoxelCount];
        int a = (int)Grid.Shape.Index(4, 4, 4), b = (int)Grid.Shape.Index(5, 4, 4);
        map[a] = -2; map[b] = 2;
        Assert.Equal(-2, MapFeatures.Of(map, [a, b], LesionRings.Around(Grid, new[] { a, b })).Peak);
    }

    [Fact]
    public void Ring_features_average_over_the_ring_voxels()
    {
        var map = new float[Grid.Shape.VoxelCount];
        int centre = (int)Grid.Shape.Index(4, 4, 4);
        var rings = LesionRings.Around(Grid, [centre]);
        foreach (int v in rings.Ring(1)) map[v] = -1;   // the 6 face neighbours, d = 1
        foreach (int v in rings.Ring(2)) map[v] = 0.5f; // 12 + 8 + 6 voxels with 1 < d ≤ 2
        var features = MapFeatures.Of(map, [centre], rings);

        Assert.Equal(-1, features.RingMean[0]);
        Assert.Equal(-6, features.RingSum[0]);
        Assert.Equal(0.5, features.RingMean[1]);
        Assert.Equal(13, features.RingSum[1]);
        Assert.Equal(0, features.RingSum[2]);
        Assert.Equal(10, features.RingMean.Length);
    }

    [Fact]
    public void Flair_share_is_the_flair_part_of_the_absolute_saliency()
    {
        var map = new float[Grid.Shape.VoxelCount];
        var t1 = new float[Grid.Shape.VoxelCount];
        int a = (int)Grid.Shape.Index(4, 4, 4);
        map[a] = -3; t1[a] = 1;
        var rings = LesionRings.Around(Grid, [a]);
        Assert.Equal(0.75, MapFeatures.FlairShare(MapFeatures.Of(map, [a], rings), MapFeatures.Of(t1, [a], rings)), 12);
        var zero = MapFeatures.Of(new float[Grid.Shape.VoxelCount], [a], rings);
        Assert.True(double.IsNaN(MapFeatures.FlairShare(zero, zero)));
    }

    [Fact]
    public void Feature_names_follow_the_contract()
    {
        var names = MapFeatures.Names(10).ToList();
        Assert.Equal(["sum", "mean", "max", "min", "peak", "ring1_mean", "ring1_sum"], names.Take(7));
        Assert.Equal("ring10_sum", names[^1]);
        Assert.Equal(25, names.Count);
    }
}
