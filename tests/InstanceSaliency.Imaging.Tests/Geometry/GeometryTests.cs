using InstanceSaliency.Imaging.Geometry;
using InstanceSaliency.Imaging.Volumes;

namespace InstanceSaliency.Imaging.Tests.Geometry;

public sealed class GeometryTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Quaternion_round_trip_reproduces_the_affine(bool flipped)
    {
        var geometry = TestGeometry.Rotated(new GridShape(4, 4, 4), flipped);
        Assert.True(geometry.QformAffine.MaxAbsDifference(geometry.Sform) < 1e-12);
        Assert.Equal(flipped ? -1 : 1, geometry.Qfac);
        Assert.True(geometry.Quaternion.A >= 0);
    }

    [Theory]
    [InlineData(-1, 1, 1, "LAS")]
    [InlineData(1, 1, 1, "RAS")]
    [InlineData(1, -1, -1, "RPI")]
    public void Orientation_codes_follow_axis_directions(double x, double y, double z, string expected) =>
        Assert.Equal(expected, Affine.Diagonal(x, y, z).Orientation());

    [Fact]
    public void Orientation_of_permuted_axes()
    {
        // i runs along -y (P), j along +z (S), k along +x (R)
        var affine = Affine.FromRowMajor([0, 0, 1, 0, -1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1]);
        Assert.Equal("PSR", affine.Orientation());
    }

    [Fact]
    public void Affine_refuses_non_finite_entries_and_bad_bottom_row()
    {
        Assert.Throws<ArgumentException>(() => Affine.FromRowMajor([double.NaN, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1]));
        Assert.Throws<ArgumentException>(() => Affine.FromRowMajor([1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 1, 1]));
    }

    [Fact]
    public void Crop_and_pad_keep_every_voxel_in_its_world_position()
    {
        var geometry = TestGeometry.Rotated(new GridShape(7, 6, 5), flipped: true);
        var volume = new Volume<float>(Enumerable.Range(0, 210).Select(v => (float)v).ToArray(), geometry);
        var crop = volume.Reframe(2, -1, 1, new GridShape(4, 8, 3), fill: -5);

        for (int k = 0; k < 3; k++)
            for (int j = 0; j < 8; j++)
                for (int i = 0; i < 4; i++)
                {
                    var (x, y, z) = crop.Affine.Apply(i, j, k);
                    var (x0, y0, z0) = volume.Affine.Apply(i + 2, j - 1, k + 1);
                    Assert.True(Math.Abs(x - x0) + Math.Abs(y - y0) + Math.Abs(z - z0) < 1e-9);
                    float expected = volume.Shape.Contains(i + 2, j - 1, k + 1) ? volume[i + 2, j - 1, k + 1] : -5;
                    Assert.Equal(expected, crop[i, j, k]);
                }
        Assert.True(crop.Geometry.QformAffine.MaxAbsDifference(crop.Geometry.Sform) < 1e-9);
    }

    [Fact]
    public void Pixdim_only_affine_matches_nibabel_and_survives_a_crop()
    {
        var geometry = new ImageGeometry { Shape = new GridShape(3, 4, 5), Pixdim = (1.5, 2, 2.5) };
        Assert.Equal(AffineSource.Pixdim, geometry.AffineSource);
        // nibabel: diag(-1.5, 2, 2.5) with the grid centre at the origin.
        Assert.Equal(Affine.FromRowMajor([-1.5, 0, 0, 1.5, 0, 2, 0, -3, 0, 0, 2.5, -5, 0, 0, 0, 1]), geometry.Affine);
        var cropped = geometry.Reframed(new GridShape(2, 2, 2), 1, 1, 1);
        var (x, y, z) = cropped.Affine.Apply(0, 0, 0);
        Assert.Equal(geometry.Affine.Apply(1, 1, 1), (x, y, z));
    }

    [Fact]
    public void Mismatched_grids_are_refused_with_both_names()
    {
        var a = Volume<float>.Zeros(ImageGeometry.FromAffine(new GridShape(4, 4, 4), Affine.Diagonal(1, 1, 1)));
        var b = Volume<byte>.Zeros(ImageGeometry.FromAffine(new GridShape(4, 4, 4), Affine.Diagonal(1, 1, 1.01)));
        var c = Volume<byte>.Zeros(ImageGeometry.FromAffine(new GridShape(4, 4, 5), Affine.Diagonal(1, 1, 1)));
        var affineError = Assert.Throws<GridMismatchException>(() => a.RequireSameGrid(b, "flair.nii", "t1.nii"));
        Assert.Contains("flair.nii", affineError.Message);
        Assert.Contains("t1.nii", affineError.Message);
        var shapeError = Assert.Throws<GridMismatchException>(() => a.RequireSameGrid(c, "flair.nii", "mask.nii"));
        Assert.Contains("4×4×5", shapeError.Message);
        a.RequireSameGrid(Volume<byte>.Zeros(a.Geometry), "flair.nii", "copy.nii");
    }
}
