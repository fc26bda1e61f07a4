using InstanceSaliency.Imaging.Geometry;
using InstanceSaliency.Imaging.Morphology;
using static InstanceSaliency.Lesions.Tests.Grids;

namespace InstanceSaliency.Lesions.Tests;

public class LesionExtractionTests
{
    [Fact]
    public void Instances_carry_voxels_volume_and_centroids_in_voxels_and_mm()
    {
        var affine = Affine.FromRowMajor([-0.8, 0, 0, 90, 0, 1.0, 0, -126, 0, 0, 2.5, -72, 0, 0, 0, 1]);
        var geometry = ImageGeometry.FromAffine(new GridShape(6, 5, 4), affine);
        var mask = Mask(geometry, (1, 1, 1), (2, 1, 1), (2, 2, 1), (4, 4, 3));

        var set = LesionExtraction.Extract(mask, new LesionInstanceOptions());

        Assert.Equal(2, set.Lesions.Count);
        var first = set.Lesions[0];
        Assert.Equal(1, first.Id);
        Assert.Equal([37, 38, 44], first.VoxelIndices);
        Assert.Equal(3, first.VoxelCount);
        Assert.Equal(3 * 0.8 * 1.0 * 2.5, first.VolumeMm3, 1e-12);
        Assert.Equal(5 / 3.0, first.CentroidVoxel.I, 1e-12);
        Assert.Equal(4 / 3.0, first.CentroidVoxel.J, 1e-12);
        Assert.Equal(1.0, first.CentroidVoxel.K, 1e-12);
        Assert.Equal(90 - 0.8 * 5 / 3.0, first.CentroidMm.X, 1e-12);
        Assert.Equal(-126 + 4 / 3.0, first.CentroidMm.Y, 1e-12);
        Assert.Equal(-72 + 2.5, first.CentroidMm.Z, 1e-12);
        Assert.Equal(LesionType.Unlabelled, first.Type);
        Assert.Equal(2, set.Lesions[1].Id);
        Assert.Equal(2, set.Labels[4, 4, 3]);
    }

    [Fact]
    public void Minimum_size_drops_small_instances_and_renumbers_the_rest()
    {
        var mask = Row("1011100110111");

        var set = LesionExtraction.Extract(mask, new LesionInstanceOptions { MinimumVoxels = 3 });

        Assert.Equal([3, 3], set.Lesions.Select(l => l.VoxelCount));
        Assert.Equal([1, 2], set.Lesions.Select(l => l.Id));
        Assert.Equal([0, 0, 1, 1, 1, 0, 0, 0, 0, 0, 2, 2, 2], set.Labels.Voxels);
    }

    [Fact]
    public void Connectivity_option_decides_whether_diagonal_voxels_are_one_lesion()
    {
        var mask = Mask(Iso(3, 3, 3), (0, 0, 0), (1, 1, 0), (2, 2, 1));
        int Count(Connectivity c) => LesionExtraction.Extract(mask, new LesionInstanceOptions { Connectivity = c }).Lesions.Count;
        Assert.Equal(3, Count(Connectivity.Face));
        Assert.Equal(2, Count(Connectivity.FaceEdge));
        Assert.Equal(1, Count(Connectivity.FaceEdgeCorner));
    }

    [Fact]
    public void Options_default_to_18_connectivity_and_every_component_and_reject_negative_sizes()
    {
        var options = new LesionInstanceOptions();
        Assert.Same(Connectivity.FaceEdge, options.Connectivity);
        Assert.Equal(1, options.MinimumVoxels);
        Assert.Equal(6, LesionInstanceOptions.ForExplanation.MinimumVoxels);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new LesionInstanceOptions { MinimumVoxels = -2 });
        Assert.Contains("-2", error.Message);
    }

    [Fact]
    public void An_instance_without_voxels_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => LesionInstance.FromVoxels(1, [], Iso(2, 2, 2)));
    }
}
