using InstanceSaliency.Imaging.Geometry;

namespace InstanceSaliency.Imaging.Tests.Geometry;

public sealed class AffineInversionTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void The_inverse_takes_world_coordinates_back_to_voxel_indices(bool flipped)
    {
        var affine = TestGeometry.Rotated(new GridShape(4, 4, 4), flipped).Affine;
        Assert.True(affine.Inverse().Multiply(affine).MaxAbsDifference(Affine.Identity) < 1e-12);
        var (x, y, z) = affine.Apply(3.25, -1.5, 17);
        var (i, j, k) = affine.Inverse().Apply(x, y, z);
        Assert.Equal((3.25, -1.5, 17.0), (Math.Round(i, 10), Math.Round(j, 10), Math.Round(k, 10)));
    }

    [Fact]
    public void A_singular_affine_is_refused() =>
        Assert.Throws<ArgumentException>(() => Affine.Diagonal(1, 0, 1).Inverse());
}
