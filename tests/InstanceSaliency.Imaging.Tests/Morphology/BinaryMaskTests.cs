using InstanceSaliency.Imaging.Morphology;
using InstanceSaliency.Imaging.Volumes;
using static InstanceSaliency.Imaging.Tests.Morphology.MaskBuilder;

namespace InstanceSaliency.Imaging.Tests.Morphology;

public class BinaryMaskTests
{
    [Fact]
    public void Threshold_keeps_voxels_strictly_above_one_half()
    {
        var image = new Volume<float>([0f, 0.5f, 0.5000001f, 1f, float.NaN, -3f, 200f], Grid(7, 1, 1));
        Assert.Equal([0, 0, 1, 1, 0, 0, 1], BinaryMask.Threshold(image).Voxels);
    }

    [Fact]
    public void Non_finite_thresholds_are_rejected()
    {
        var image = Volume<float>.Zeros(Grid(2, 1, 1));
        Assert.Throws<ArgumentException>(() => BinaryMask.Threshold(image, float.NaN));
    }

    [Fact]
    public void Non_zero_and_count_treat_any_positive_byte_as_foreground()
    {
        var mask = new Volume<byte>([0, 1, 255, 0, 2], Grid(5, 1, 1));
        Assert.Equal([0, 1, 1, 0, 1], BinaryMask.NonZero(mask).Voxels);
        Assert.Equal(3, BinaryMask.CountForeground(mask));
    }
}
