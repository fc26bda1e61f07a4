using InstanceSaliency.Imaging.Geometry;

namespace InstanceSaliency.Imaging.Tests.Geometry;

public sealed class WorldOverlapTests
{
    static ImageGeometry Grid(double shiftX) =>
        ImageGeometry.FromAffine(new GridShape(20, 10, 10), Affine.FromRowMajor([2, 0, 0, shiftX, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1]));

    [Theory]
    [InlineData(0, 1.0)]
    [InlineData(10, 0.75)]   // 5 of the 20 columns (2 mm each) leave the box
    [InlineData(20, 0.5)]
    [InlineData(200, 0.0)]
    [InlineData(-200, 0.0)]
    public void Fraction_counts_voxel_centres_inside_the_other_field_of_view(double shiftX, double expected) =>
        Assert.Equal(expected, WorldOverlap.Fraction(Grid(0), Grid(shiftX)), 12);

    [Fact]
    public void The_field_of_view_box_reaches_half_a_voxel_beyond_the_outer_centres()
    {
        // Shifted by just under one voxel edge (0.999 mm on 2 mm voxels): every centre still lies inside.
        Assert.Equal(1.0, WorldOverlap.Fraction(Grid(0), Grid(0.999)), 12);
        Assert.Equal(0.95, WorldOverlap.Fraction(Grid(0), Grid(1.001)), 12);
    }

    [Fact]
    public void Overlap_below_the_minimum_is_refused_with_the_measured_percentage()
    {
        var error = Assert.Throws<InvalidInputException>(() => WorldOverlap.Require(Grid(0), "flair.nii.gz", Grid(32), "t1.nii.gz"));
        Assert.StartsWith("t1.nii.gz: overlaps only 20.0% of flair.nii.gz's field of view in world space (at least 50% needed)", error.Message);
        Assert.Equal(0.5, WorldOverlap.Require(Grid(0), "flair.nii.gz", Grid(20), "t1.nii.gz"), 12);
    }
}
