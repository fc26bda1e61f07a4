using static InstanceSaliency.Lesions.Tests.Grids;

namespace InstanceSaliency.Lesions.Tests;

public class LabelMapsTests
{
    [Theory]
    [InlineData(0, LabelVoxelType.UInt8)]
    [InlineData(255, LabelVoxelType.UInt8)]
    [InlineData(256, LabelVoxelType.Int16)]
    [InlineData(32767, LabelVoxelType.Int16)]
    [InlineData(32768, LabelVoxelType.Int32)]
    public void Narrowest_type_holds_the_largest_id(int largestId, LabelVoxelType expected)
    {
        Assert.Equal(expected, LabelMaps.NarrowestType(largestId));
    }

    [Fact]
    public void Painting_writes_each_instance_id_on_its_voxels()
    {
        var geometry = Iso(6, 1, 1);
        var a = LesionInstance.FromVoxels(4, [1, 2], geometry);
        var b = LesionInstance.FromVoxels(7, [5], geometry);
        Assert.Equal([0, 4, 4, 0, 0, 7], LabelMaps.Paint(geometry, [a, b]).Voxels);
    }

    [Fact]
    public void Overlapping_instances_are_refused()
    {
        var geometry = Iso(6, 1, 1);
        var a = LesionInstance.FromVoxels(1, [1, 2], geometry);
        var b = LesionInstance.FromVoxels(2, [2], geometry);
        Assert.Throws<ArgumentException>(() => LabelMaps.Paint(geometry, [a, b]));
    }

    [Fact]
    public void Contract_names_are_TP_FP_FN()
    {
        Assert.Equal(["TP", "FP", "FN", "unlabelled"],
            new[] { LesionType.TruePositive, LesionType.FalsePositive, LesionType.FalseNegative, LesionType.Unlabelled }.Select(t => t.ToContractName()));
    }
}
