using InstanceSaliency.Imaging.Morphology;

namespace InstanceSaliency.Imaging.Tests.Morphology;

public class ConnectivityTests
{
    [Theory]
    [InlineData(6, 1)]
    [InlineData(18, 2)]
    [InlineData(26, 3)]
    public void Parses_the_three_neighbourhoods_and_lists_their_offsets(int neighbours, int maxNonZero)
    {
        var connectivity = Connectivity.FromNeighbours(neighbours);

        Assert.Equal(neighbours, connectivity.Neighbours);
        Assert.Equal(maxNonZero, connectivity.MaxNonZeroOffsets);
        Assert.Equal(neighbours, connectivity.Offsets.Count);
        Assert.Equal(neighbours, connectivity.Offsets.Distinct().Count());
        Assert.All(connectivity.Offsets, o => Assert.True(connectivity.IsNeighbour(o.I, o.J, o.K)));
        Assert.Equal(neighbours / 2, connectivity.Backward.Length);
        Assert.All(connectivity.Backward, o => Assert.True(o.LinearStep(100, 100) < 0));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    [InlineData(8)]
    [InlineData(27)]
    [InlineData(-6)]
    public void Rejects_other_neighbour_counts_naming_the_value(int neighbours)
    {
        var error = Assert.Throws<ArgumentException>(() => Connectivity.FromNeighbours(neighbours));

        Assert.Equal("neighbours", error.ParamName);
        Assert.Contains($"got {neighbours}", error.Message);
        Assert.Contains("6", error.Message);
    }

    [Fact]
    public void Default_is_18_as_the_paper()
    {
        Assert.Same(Connectivity.FaceEdge, Connectivity.Default);
    }

    [Fact]
    public void Edge_offsets_belong_to_18_but_corners_only_to_26()
    {
        Assert.False(Connectivity.Face.IsNeighbour(1, 1, 0));
        Assert.True(Connectivity.FaceEdge.IsNeighbour(1, 1, 0));
        Assert.False(Connectivity.FaceEdge.IsNeighbour(1, -1, 1));
        Assert.True(Connectivity.FaceEdgeCorner.IsNeighbour(1, -1, 1));
        Assert.False(Connectivity.FaceEdgeCorner.IsNeighbour(0, 0, 0));
        Assert.False(Connectivity.FaceEdgeCorner.IsNeighbour(2, 0, 0));
    }
}
