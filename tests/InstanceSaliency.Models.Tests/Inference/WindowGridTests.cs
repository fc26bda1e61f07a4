using InstanceSaliency.Models.Inference;
using TorchSharp;
using static TorchSharp.torch;

namespace InstanceSaliency.Models.Tests.Inference;

public class WindowGridTests
{
    [Theory]
    [InlineData(192, 96, new[] { 0, 72, 96 })]    // last window shifted back to end at the edge
    [InlineData(224, 96, new[] { 0, 72, 128 })]
    [InlineData(112, 96, new[] { 0, 16 })]
    [InlineData(96, 96, new[] { 0 })]              // window = axis: one window
    [InlineData(64, 32, new[] { 0, 24, 32 })]
    public void Axis_starts_follow_MONAI_dense_patch_slices(int n, int roi, int[] expected) =>
        Assert.Equal(expected, WindowGrid.AxisStarts(n, roi, 0.25));

    [Fact]
    public void Windows_are_listed_last_axis_fastest()
    {
        var starts = WindowGrid.Starts([112, 96, 128], 96, 0.25);
        Assert.Equal([(0, 0, 0), (0, 0, 32), (16, 0, 0), (16, 0, 32)], starts);
    }

    [Fact]
    public void Gaussian_importance_map_is_separable_and_clamped_at_1e_3()
    {
        using var scope = NewDisposeScope();
        var map = ImportanceMap.Gaussian(96, 0.125, CPU);
        Assert.Equal(new long[] { 96, 96, 96 }, map.shape);
        Assert.Equal(1e-3f, map.min().item<float>());
        double g = Math.Exp(-0.25 / (2 * 144.0));
        Assert.Equal(g * g * g, map[47, 48, 47].item<float>(), 6);
        Assert.True(map.flip(0).sub(map).abs().max().item<float>() == 0, "symmetric along D");
    }

    [Theory]
    [InlineData(30, 1, 1)]
    [InlineData(182, 5, 5)]
    [InlineData(218, 3, 3)]
    [InlineData(17, 7, 8)]     // odd padding: the extra voxel goes after
    [InlineData(32, 0, 0)]
    public void Divisible_padding_is_symmetric_with_floor_before(int n, int before, int after)
    {
        var padding = DivisiblePadding.For([n, 16, 16], 16);
        Assert.Equal((before, after), (padding.Before[0], padding.After[0]));
    }
}
