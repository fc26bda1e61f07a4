using InstanceSaliency.Imaging.Morphology;
using InstanceSaliency.Imaging.Volumes;
using static InstanceSaliency.Imaging.Tests.Morphology.MaskBuilder;

namespace InstanceSaliency.Imaging.Tests.Morphology;

public class ConnectedComponentsTests
{
    static readonly Connectivity[] All = [Connectivity.Face, Connectivity.FaceEdge, Connectivity.FaceEdgeCorner];

    static int Count(Volume<byte> mask, int neighbours) =>
        ConnectedComponents.Label(mask, Connectivity.FromNeighbours(neighbours)).Count;

    [Fact]
    public void Labels_touching_by_face_merge_under_6()
    {
        var mask = Mask(Grid(4, 4, 4), (1, 1, 1), (1, 1, 2));
        Assert.Equal(1, Count(mask, 6));
        Assert.Equal(1, Count(mask, 18));
        Assert.Equal(1, Count(mask, 26));
    }

    [Fact]
    public void Labels_touching_by_edge_merge_under_18()
    {
        var mask = Mask(Grid(4, 4, 4), (1, 1, 1), (2, 1, 2));
        Assert.Equal(2, Count(mask, 6));
        Assert.Equal(1, Count(mask, 18));
        Assert.Equal(1, Count(mask, 26));
    }

    [Fact]
    public void Labels_touching_by_corner_merge_only_under_26()
    {
        var mask = Mask(Grid(4, 4, 4), (2, 1, 1), (1, 2, 2));
        Assert.Equal(2, Count(mask, 6));
        Assert.Equal(2, Count(mask, 18));
        Assert.Equal(1, Count(mask, 26));
    }

    [Fact]
    public void Voxels_on_opposite_grid_borders_do_not_wrap_around()
    {
        // Linear neighbours across a row end: (3,0,0) and (0,1,0) are adjacent in memory, not in space.
        var mask = Mask(Grid(4, 3, 3), (3, 0, 0), (0, 1, 0), (0, 0, 2), (3, 2, 1));
        Assert.Equal(4, Count(mask, 26));
    }

    [Fact]
    public void Ids_follow_the_first_voxel_in_storage_order_not_the_order_labels_meet()
    {
        // Storage indices on a 6×1×4 grid: C = {5}, B = {10}, U = {12, 14, 18, 19, 20} (two arms joined at k = 3).
        // Listed out of order on purpose; ids must be 1 = C, 2 = B, 3 = U.
        var geometry = Grid(6, 1, 4);
        var mask = Mask(geometry,
            (4, 0, 1),
            (0, 0, 2), (0, 0, 3), (1, 0, 3), (2, 0, 3), (2, 0, 2),
            (5, 0, 0));
        var labels = ConnectedComponents.Label(mask, Connectivity.Face);

        Assert.Equal(3, labels.Count);
        Assert.Equal(1, labels.Labels[5, 0, 0]);
        Assert.Equal(2, labels.Labels[4, 0, 1]);
        Assert.Equal(3, labels.Labels[0, 0, 2]);
        Assert.Equal(3, labels.Labels[2, 0, 2]);
        Assert.Equal([1, 1, 5], labels.Sizes);
    }

    [Fact]
    public void A_u_shape_whose_arms_start_separately_is_one_component_with_consecutive_ids()
    {
        // Two arms along k joined at the top; the right arm's provisional label is older than the join.
        var geometry = Grid(5, 1, 5);
        var voxels = new List<(int, int, int)>();
        for (int k = 0; k < 4; k++) { voxels.Add((0, 0, k)); voxels.Add((4, 0, k)); }
        for (int i = 0; i < 5; i++) voxels.Add((i, 0, 4));
        voxels.Add((2, 0, 1)); // an island between the arms
        var labels = ConnectedComponents.Label(Mask(geometry, [.. voxels]), Connectivity.Face);

        Assert.Equal(2, labels.Count);
        Assert.Equal(1, labels.Labels[4, 0, 0]);
        Assert.Equal(2, labels.Labels[2, 0, 1]);
        Assert.Equal([13, 1], labels.Sizes);
    }

    [Fact]
    public void Empty_and_full_masks_have_zero_and_one_component()
    {
        var geometry = Grid(5, 4, 3);
        Assert.Equal(0, ConnectedComponents.Label(Volume<byte>.Zeros(geometry), Connectivity.Face).Count);
        var full = new Volume<byte>(Enumerable.Repeat((byte)7, 60).ToArray(), geometry);
        var labels = ConnectedComponents.Label(full, Connectivity.Face);
        Assert.Equal(1, labels.Count);
        Assert.Equal([60], labels.Sizes);
        Assert.All(labels.Labels.Voxels, v => Assert.Equal(1, v));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Counts_under_6_are_at_least_those_under_18_and_those_under_26(int seed)
    {
        var mask = Random(seed, Grid(15, 13, 11), blobs: 4, noise: 0.15);
        int c6 = Count(mask, 6), c18 = Count(mask, 18), c26 = Count(mask, 26);
        Assert.True(c6 >= c18 && c18 >= c26, $"6: {c6}, 18: {c18}, 26: {c26}");
        Assert.True(c6 > c26, "the random mask should have diagonal contacts, else this test checks nothing");
    }

    [Theory]
    [InlineData(5, new[] { 0, 1, 2 }, new[] { true, false, false })]
    [InlineData(6, new[] { 2, 0, 1 }, new[] { false, true, true })]
    [InlineData(7, new[] { 1, 0, 2 }, new[] { true, true, true })]
    [InlineData(8, new[] { 2, 1, 0 }, new[] { false, false, true })]
    public void Flips_and_axis_permutations_keep_the_multiset_of_sizes(int seed, int[] order, bool[] flip)
    {
        var mask = Random(seed, Grid(14, 11, 9), blobs: 5, noise: 0.12);
        var moved = Transformed(mask, order, flip);
        foreach (var connectivity in All)
        {
            var before = ConnectedComponents.Label(mask, connectivity).Sizes.Order();
            var after = ConnectedComponents.Label(moved, connectivity).Sizes.Order();
            Assert.Equal(before, after);
        }
    }

    [Fact]
    public void Float_images_are_labelled_above_one_half()
    {
        var geometry = Grid(5, 1, 1);
        var image = new Volume<float>([0.9f, 0.5f, 0.51f, 1f, 0.2f], geometry);
        var labels = ConnectedComponents.Label(image, Connectivity.Face);
        Assert.Equal([1, 0, 2, 2, 0], labels.Labels.Voxels);
    }

    [Fact]
    public void Labels_keep_the_geometry_of_the_mask()
    {
        var geometry = Grid(3, 3, 3, 0.8, 1, 2.5);
        var labels = ConnectedComponents.Label(Mask(geometry, (1, 1, 1)), Connectivity.Default);
        Assert.Same(geometry, labels.Labels.Geometry);
        Assert.Same(Connectivity.FaceEdge, labels.Connectivity);
    }
}
