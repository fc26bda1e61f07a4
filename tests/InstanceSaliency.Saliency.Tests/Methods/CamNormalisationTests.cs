using InstanceSaliency.Imaging.Geometry;
using InstanceSaliency.Imaging.Volumes;
using InstanceSaliency.Saliency.Methods;

namespace InstanceSaliency.Saliency.Tests.Methods;

/// <summary>The normalised Grad-CAM++ copy (method.md §6): cam / max cam, geometry kept, all zeros stays zeros, no inversion.</summary>
public sealed class CamNormalisationTests
{
    static Volume<float> Map(params float[] values)
    {
        var affine = new Affine(new double[,] { { -1, 0, 0, 90 }, { 0, 1, 0, -126 }, { 0, 0, 1.5, -72 }, { 0, 0, 0, 1 } });
        return Volume<float>.Zeros(ImageGeometry.FromAffine(new GridShape(values.Length, 1, 1), affine)).WithVoxels(values);
    }

    [Fact]
    public void Values_are_divided_by_the_maximum_and_the_maximum_becomes_one()
    {
        var cam = Map(0f, 0.3f, 2.5f, 1.25f, 0f, 1e-6f);
        var normalised = CamNormalisation.DividedByMaximum(cam);
        // Independent values: float32 of the exact quotients (0.3/2.5 = 0.12, 1.25/2.5 = 0.5, 1e-6/2.5 = 4e-7).
        Assert.Equal([0f, 0.3f / 2.5f, 1f, 0.5f, 0f, 1e-6f / 2.5f], normalised.Voxels);
        Assert.Equal((float)(0.3f / 2.5), normalised.Voxels[1]);
        Assert.Equal(cam.Geometry.Affine, normalised.Geometry.Affine);
        Assert.Equal(cam.Shape, normalised.Shape);
        Assert.Equal([0f, 0.3f, 2.5f, 1.25f, 0f, 1e-6f], cam.Voxels); // the raw map is left as it is
    }

    [Fact]
    public void An_all_zero_map_stays_all_zero()
    {
        var normalised = CamNormalisation.DividedByMaximum(Map(0f, 0f, 0f));
        Assert.Equal([0f, 0f, 0f], normalised.Voxels);
    }

    [Fact]
    public void The_largest_value_maps_to_one_and_smaller_ones_keep_their_order_without_inversion()
    {
        var normalised = CamNormalisation.DividedByMaximum(Map(4f, 1f, 8f, 2f));
        Assert.Equal([0.5f, 0.125f, 1f, 0.25f], normalised.Voxels);
    }
}
