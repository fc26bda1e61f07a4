using InstanceSaliency.Imaging.BrainMasks;
using InstanceSaliency.Imaging.Geometry;
using InstanceSaliency.Imaging.Volumes;

namespace InstanceSaliency.Imaging.Tests.BrainMasks;

public sealed class BrainMaskTests
{
    static readonly ImageGeometry Grid = TestGeometry.Rotated(new GridShape(12, 10, 8), flipped: false);

    static Volume<float> Image() => new(Enumerable.Range(1, 960).Select(n => (float)n).ToArray(), Grid);

    /// <summary>1 inside the box i 3..8, j 2..7, k 2..5, else 0.</summary>
    static Volume<float> Box(ImageGeometry geometry, float inside = 1)
    {
        var mask = Volume<float>.Zeros(geometry);
        for (int k = 2; k <= 5; k++)
            for (int j = 2; j <= 7; j++)
                for (int i = 3; i <= 8; i++)
                    mask[i, j, k] = inside;
        return mask;
    }

    [Fact]
    public void Voxels_outside_the_brain_become_zero_and_inside_are_kept()
    {
        var result = BrainMask.Apply(Image(), "flair.nii.gz", Box(Grid), "brain_mask.nii.gz");
        var image = Image();
        for (long n = 0; n < image.Voxels.Length; n++)
        {
            var (i, j, k) = Grid.Shape.Coordinates(n);
            bool brain = i is >= 3 and <= 8 && j is >= 2 and <= 7 && k is >= 2 and <= 5;
            Assert.Equal(brain ? image.Voxels[n] : 0f, result.Image.Voxels[n]);
        }
        Assert.False(result.Resampled);
        Assert.Empty(result.Warnings);
        Assert.Equal(1.0, result.OverlapFraction);
        Assert.Same(Grid, result.Image.Geometry);
    }

    [Fact]
    public void A_mask_stored_flipped_on_another_grid_is_resampled_through_the_affines()
    {
        // The same mask stored with k reversed (array and affine): world coordinates decide, result identical.
        var box = Box(Grid);
        var flip = Affine.FromRowMajor([1, 0, 0, 0, 0, 1, 0, 0, 0, 0, -1, 7, 0, 0, 0, 1]);
        var flipped = Volume<float>.Zeros(ImageGeometry.FromAffine(Grid.Shape, Grid.Affine.Multiply(flip)));
        for (int k = 0; k < 8; k++)
            for (int j = 0; j < 10; j++)
                for (int i = 0; i < 12; i++)
                    flipped[i, j, 7 - k] = box[i, j, k];
        var direct = BrainMask.Apply(Image(), "flair.nii.gz", box, "mask");
        var result = BrainMask.Apply(Image(), "flair.nii.gz", flipped, "mask");
        Assert.True(result.Resampled);
        Assert.Equal(direct.Image.Voxels, result.Image.Voxels);
    }

    [Fact]
    public void Values_other_than_0_and_1_are_binarised_at_one_half_with_a_warning()
    {
        var mask = Box(Grid, inside: 0.7f);
        mask[0, 0, 0] = 0.3f;
        var result = BrainMask.Apply(Image(), "flair.nii.gz", mask, "probabilities.nii.gz");
        Assert.Equal(BrainMask.Apply(Image(), "flair.nii.gz", Box(Grid), "m").Image.Voxels, result.Image.Voxels);
        var warning = Assert.Single(result.Warnings);
        Assert.StartsWith("probabilities.nii.gz: 145 voxels of the brain mask are neither 0 nor 1 (range 0.3 to 0.7); binarised at 0.5", warning);
    }

    [Fact]
    public void Float32_scaling_noise_on_a_binary_mask_gives_no_warning()
    {
        // MS3SEG masks carry scl_slope 1.00000006.
        var result = BrainMask.Apply(Image(), "flair.nii.gz", Box(Grid, inside: 1.00000006f), "brain_mask.nii.gz");
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void An_empty_mask_is_refused()
    {
        var error = Assert.Throws<InvalidInputException>(() => BrainMask.Apply(Image(), "flair.nii.gz", Volume<float>.Zeros(Grid), "brain_mask.nii.gz"));
        Assert.StartsWith("brain_mask.nii.gz: the brain mask is empty", error.Message);
        var belowHalf = Box(Grid, inside: 0.4f);
        Assert.Throws<InvalidInputException>(() => BrainMask.Apply(Image(), "flair.nii.gz", belowHalf, "brain_mask.nii.gz"));
    }

    [Fact]
    public void A_mask_elsewhere_in_world_space_is_refused_with_the_overlap()
    {
        var m = Grid.Affine.ToRowMajor();
        m[3] += 200; // x + 200 mm
        var shifted = ImageGeometry.FromAffine(Grid.Shape, Affine.FromRowMajor(m));
        var error = Assert.Throws<InvalidInputException>(() => BrainMask.Apply(Image(), "flair.nii.gz", Box(shifted), "brain_mask.nii.gz"));
        Assert.StartsWith("brain_mask.nii.gz: overlaps only 0.0% of flair.nii.gz's field of view", error.Message);
    }

    [Fact]
    public void A_mask_whose_brain_falls_outside_the_image_is_refused()
    {
        // Overlap 7/12 (the mask's grid starts 5 voxels before the image's along i) but the box lies outside the image.
        var m = Grid.Affine.ToRowMajor();
        for (int row = 0; row < 3; row++) m[row * 4 + 3] -= 5 * Grid.Affine[row, 0];
        var mask = Volume<float>.Zeros(ImageGeometry.FromAffine(Grid.Shape, Affine.FromRowMajor(m)));
        for (int k = 2; k <= 5; k++)
            for (int j = 2; j <= 7; j++)
                for (int i = 0; i <= 3; i++)
                    mask[i, j, k] = 1;
        var error = Assert.Throws<InvalidInputException>(() => BrainMask.Apply(Image(), "flair.nii.gz", mask, "brain_mask.nii.gz"));
        Assert.StartsWith("brain_mask.nii.gz: the brain mask has no voxel inside flair.nii.gz's field of view", error.Message);
    }

    [Fact]
    public void A_2D_mask_is_refused()
    {
        var flat = Volume<float>.Zeros(ImageGeometry.FromAffine(new GridShape(12, 10, 1), Grid.Affine));
        var error = Assert.Throws<InvalidInputException>(() => BrainMask.Apply(Image(), "flair.nii.gz", flat, "brain_mask.nii.gz"));
        Assert.StartsWith("brain_mask.nii.gz: a 2D image", error.Message);
    }
}
