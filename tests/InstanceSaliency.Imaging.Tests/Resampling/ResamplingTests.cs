using InstanceSaliency.Imaging.Geometry;
using InstanceSaliency.Imaging.Resampling;
using InstanceSaliency.Imaging.Volumes;

namespace InstanceSaliency.Imaging.Tests.Resampling;

public sealed class ResamplingTests
{
    static Volume<float> Ramp(ImageGeometry geometry) =>
        new(Enumerable.Range(0, (int)geometry.Shape.VoxelCount).Select(n => (float)Math.Sin(n * 0.37) * 100).ToArray(), geometry);

    [Fact]
    public void Resampling_onto_its_own_grid_copies_every_voxel_exactly()
    {
        var source = Ramp(TestGeometry.Rotated(new GridShape(7, 6, 5), flipped: true));
        Assert.Equal(source.Voxels, Resample.Linear(source, source.Geometry, "ramp").Voxels);
        Assert.Equal(source.Voxels, Resample.Nearest(source, source.Geometry, "ramp").Voxels);
    }

    [Fact]
    public void Stored_flipped_gives_the_same_values_as_stored_unflipped()
    {
        // The same image stored with j reversed (array and affine): onto any grid whose centres coincide with the
        // source's, both give the same bytes.
        var geometry = TestGeometry.Rotated(new GridShape(7, 6, 5), flipped: false);
        var source = Ramp(geometry);
        var flippedAffine = geometry.Affine.Multiply(Affine.FromRowMajor([1, 0, 0, 0, 0, -1, 0, 5, 0, 0, 1, 0, 0, 0, 0, 1]));
        var flipped = new Volume<float>(new float[source.Voxels.Length], ImageGeometry.FromAffine(source.Shape, flippedAffine));
        for (int k = 0; k < 5; k++)
            for (int j = 0; j < 6; j++)
                for (int i = 0; i < 7; i++)
                    flipped[i, 5 - j, k] = source[i, j, k];
        var target = geometry.Reframed(new GridShape(9, 4, 6), -1, 1, -1);
        Assert.Equal(Resample.Linear(source, target, "unflipped").Voxels, Resample.Linear(flipped, target, "flipped").Voxels);
    }

    [Theory]
    [InlineData(-1e-3, 0)]      // outside the span of voxel centres by more than the snap tolerance: 0, as scipy
    [InlineData(-5e-5, 10)]     // within 1e-4 voxel of the first centre: that voxel (float32 affine rounding)
    [InlineData(0.25, 12.5)]
    [InlineData(3.0, 40)]       // the last centre belongs to the span (closed interval, as scipy)
    [InlineData(3.0 + 5e-5, 40)]
    [InlineData(3.25, 0)]       // in the outer half voxel: 0 (scipy 'constant', not 'grid-constant')
    public void Samples_follow_scipy_constant_mode_at_the_edges(double position, float expected)
    {
        // Source 4×2×2, value 10·(i+1) everywhere along j and k; target one voxel at i = position.
        var source = new Volume<float>(new float[16], ImageGeometry.FromAffine(new GridShape(4, 2, 2), Affine.Identity));
        for (int n = 0; n < 16; n++) source.Voxels[n] = 10 * (n % 4 + 1);
        var target = ImageGeometry.FromAffine(new GridShape(1, 1, 1), Affine.FromRowMajor([1, 0, 0, position, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1]));
        Assert.Equal(expected, Resample.Linear(source, target, "edge").Voxels[0], 4);
    }

    [Fact]
    public void Resampling_is_deterministic_across_runs()
    {
        var source = Ramp(TestGeometry.Rotated(new GridShape(30, 25, 12), flipped: false));
        var target = ImageGeometry.FromAffine(new GridShape(40, 33, 20), Affine.FromRowMajor([0.7, 0.1, 0, -3, 0, 0.8, 0.2, -25, 0.05, 0, 1.1, 6, 0, 0, 0, 1]));
        var first = Resample.Linear(source, target, "a", antiAlias: true).Voxels;
        for (int run = 0; run < 3; run++) Assert.Equal(first, Resample.Linear(source, target, "a", antiAlias: true).Voxels);
    }

    [Theory]
    [InlineData(1, 5, 5)]
    [InlineData(5, 1, 5)]
    [InlineData(5, 5, 1)]
    public void A_2D_image_is_refused_with_its_name(int i, int j, int k)
    {
        var flat = Volume<float>.Zeros(ImageGeometry.FromAffine(new GridShape(i, j, k), Affine.Identity));
        var target = ImageGeometry.FromAffine(new GridShape(4, 4, 4), Affine.Identity);
        var error = Assert.Throws<InvalidInputException>(() => Resample.Linear(flat, target, "slice.nii.gz"));
        Assert.Contains("slice.nii.gz: a 2D image", error.Message);
        Assert.Throws<InvalidInputException>(() => Resample.Nearest(flat, target, "slice.nii.gz"));
    }

    [Fact]
    public void Rows_along_a_source_axis_give_the_bits_of_the_voxel_by_voxel_kernel()
    {
        // LAS 0.9 × 0.9 × 6.8 mm onto RAS 1 mm: every target row runs along source i (the aligned fast path).
        var source = Ramp(ImageGeometry.FromAffine(new GridShape(30, 28, 6), Affine.FromRowMajor([-0.9, 0, 0, 13, 0, 0.9, 0, -12, 0, 0, 6.8, -17, 0, 0, 0, 1])));
        var target = ImageGeometry.FromAffine(new GridShape(29, 27, 36), Affine.FromRowMajor([1, 0, 0, -13.3, 0, 1, 0, -12.2, 0, 0, 1, -17.1, 0, 0, 0, 1]));
        var fast = Resample.Linear(source, target, "ramp");
        var mapping = new VoxelMapping(source.Affine, target.Affine);
        var expected = new float[fast.Voxels.Length];
        for (long n = 0; n < expected.Length; n++)
        {
            var (i, j, k) = target.Shape.Coordinates(n);
            var (x0, y, z) = mapping.Apply(0, j, k);
            expected[n] = (float)TrilinearKernel.Sample(source.Voxels, source.Shape, x0 + i * mapping.Step(0).I, y, z);
        }
        VoxelAssert.Identical(expected, fast.Voxels);
        Assert.Contains(fast.Voxels, v => v != 0);
    }
}
