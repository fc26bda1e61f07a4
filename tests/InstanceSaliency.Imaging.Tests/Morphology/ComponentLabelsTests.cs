using InstanceSaliency.Imaging.Morphology;
using static InstanceSaliency.Imaging.Tests.Morphology.MaskBuilder;

namespace InstanceSaliency.Imaging.Tests.Morphology;

public class ComponentLabelsTests
{
    // Along one row: sizes 2, 1, 3, 1 at ids 1..4.
    static ComponentLabels Row() => ConnectedComponents.Label(
        Mask(Grid(12, 1, 1), (0, 0, 0), (1, 0, 0), (3, 0, 0), (5, 0, 0), (6, 0, 0), (7, 0, 0), (9, 0, 0)),
        Connectivity.Face);

    [Fact]
    public void Minimum_size_drops_small_components_and_renumbers_the_rest_in_order()
    {
        var kept = Row().KeepingAtLeast(2);

        Assert.Equal(2, kept.Count);
        Assert.Equal([2, 3], kept.Sizes);
        Assert.Equal([1, 1, 0, 0, 0, 2, 2, 2, 0, 0, 0, 0], kept.Labels.Voxels);
    }

    [Fact]
    public void Minimum_size_of_zero_or_one_keeps_everything()
    {
        var labels = Row();
        Assert.Same(labels, labels.KeepingAtLeast(0));
        Assert.Same(labels, labels.KeepingAtLeast(1));
    }

    [Fact]
    public void Minimum_size_above_every_component_leaves_nothing()
    {
        var kept = Row().KeepingAtLeast(4);
        Assert.Equal(0, kept.Count);
        Assert.All(kept.Labels.Voxels, v => Assert.Equal(0, v));
    }

    [Fact]
    public void Negative_minimum_size_is_rejected()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Row().KeepingAtLeast(-1));
        Assert.Contains("-1", error.Message);
    }

    [Fact]
    public void Voxel_indices_are_grouped_by_component_in_storage_order()
    {
        var geometry = Grid(3, 2, 2);
        var labels = ConnectedComponents.Label(Mask(geometry, (2, 1, 1), (0, 0, 0), (0, 1, 0), (0, 1, 1)), Connectivity.Face);

        var voxels = labels.VoxelIndices();

        Assert.Equal(2, voxels.Length);
        Assert.Equal([0, 3, 9], voxels[0]);
        Assert.Equal([11], voxels[1]);
        Assert.Equal(3, labels.SizeOf(1));
        Assert.Throws<ArgumentOutOfRangeException>(() => labels.SizeOf(3));
    }
}
