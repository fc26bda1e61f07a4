using InstanceSaliency.Imaging.Geometry;
using InstanceSaliency.Imaging.Orientation;
using InstanceSaliency.Imaging.Tests.Resampling;
using InstanceSaliency.Imaging.Volumes;

namespace InstanceSaliency.Imaging.Tests.Orientation;

/// <summary>Reorientation by axis permutation and flips against nibabel's apply_orientation + inv_ornt_aff.</summary>
public sealed class ReorientationTests
{
    public static TheoryData<string> Cases() => ["reorient_lps_to_ras", "reorient_las_to_lps", "reorient_permuted_to_ras"];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Reorientation_equals_nibabel_exactly(string name)
    {
        var fixture = ResamplingFixture.Load(name);
        var source = new Volume<float>(ResamplingFixture.Floats(fixture["values"]), ResamplingFixture.Geometry(fixture["shape"], fixture["affine"]));
        var convention = AxisConvention.Parse(fixture["codes"].GetString()!, "convention");
        var result = Reorientation.Apply(source, convention, name);

        var expected = ResamplingFixture.Geometry(fixture["expected_shape"], fixture["expected_affine"]);
        Assert.Equal(expected.Shape, result.Shape);
        Assert.Equal(ResamplingFixture.Floats(fixture["expected_values"]), result.Voxels);
        Assert.True(result.Affine.MaxAbsDifference(expected.Affine) < 1e-9, $"{result.Affine} vs nibabel {expected.Affine}");
        Assert.Equal(fixture["expected_codes"].GetString(), result.Affine.Orientation());
        Assert.True(result.Geometry.QformAffine.MaxAbsDifference(result.Geometry.Sform) < 1e-9, "qform and sform must both move");
    }

    [Theory]
    [InlineData("RAS")]
    [InlineData("LPS")]
    [InlineData("SPL")]
    public void Every_voxel_keeps_its_world_position_and_the_round_trip_is_exact(string codes)
    {
        var geometry = TestGeometry.Rotated(new GridShape(6, 5, 4), flipped: true);
        var source = new Volume<float>(Enumerable.Range(0, 120).Select(n => n * 1.5f).ToArray(), geometry);
        var reoriented = Reorientation.Apply(source, AxisConvention.Parse(codes, "convention"), "test");
        Assert.Equal(codes, reoriented.Affine.Orientation());

        var value = source.Voxels.Select((v, n) => (v, n)).ToDictionary(p => p.v, p => source.Shape.Coordinates(p.n));
        for (long n = 0; n < reoriented.Voxels.Length; n++)
        {
            var (i, j, k) = reoriented.Shape.Coordinates(n);
            var (si, sj, sk) = value[reoriented.Voxels[n]];
            var here = reoriented.Affine.Apply(i, j, k);
            var there = source.Affine.Apply(si, sj, sk);
            Assert.True(Math.Abs(here.X - there.X) + Math.Abs(here.Y - there.Y) + Math.Abs(here.Z - there.Z) < 1e-9);
        }

        var back = Reorientation.Apply(reoriented, AxisConvention.Of(source.Affine, "source"), "test");
        Assert.Equal(source.Voxels, back.Voxels);
        Assert.Equal(source.Shape, back.Shape);
        Assert.True(back.Affine.MaxAbsDifference(source.Affine) < 1e-12);
        Assert.Equal(source.Geometry.Qfac, back.Geometry.Qfac);
    }

    [Fact]
    public void An_image_already_in_the_convention_is_returned_as_is()
    {
        var source = Volume<float>.Zeros(ImageGeometry.FromAffine(new GridShape(3, 3, 3), Affine.Diagonal(-1, 1, 1)));
        Assert.Same(source, Reorientation.Apply(source, AxisConvention.Parse("las", "convention"), "test"));
    }

    [Theory]
    [InlineData("RAX")]
    [InlineData("RRS")]
    [InlineData("RA")]
    [InlineData("LPIS")]
    public void A_bad_convention_is_refused_with_option_and_rule(string codes)
    {
        var error = Assert.Throws<InvalidInputException>(() => AxisConvention.Parse(codes, "--axes"));
        Assert.Contains($"--axes: '{codes}' is not an axis convention", error.Message);
        Assert.Contains("one of R/L, one of A/P and one of S/I", error.Message);
    }

    [Fact]
    public void A_2D_image_is_refused()
    {
        var flat = Volume<float>.Zeros(ImageGeometry.FromAffine(new GridShape(8, 8, 1), Affine.Identity));
        var error = Assert.Throws<InvalidInputException>(() => Reorientation.Apply(flat, AxisConvention.Ras, "flair.nii.gz"));
        Assert.StartsWith("flair.nii.gz: a 2D image (8×8×1 voxels)", error.Message);
    }
}
