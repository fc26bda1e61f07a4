using InstanceSaliency.Imaging.Resampling;

namespace InstanceSaliency.Imaging.Tests.Resampling;

/// <summary>
/// Resampling through affines against scipy.ndimage.map_coordinates (mode 'constant', cval 0) and
/// gaussian_filter (tools/reference/resampling_reference.py): oblique, anisotropic, LPS and LAS grids, and an
/// anti-aliased downsampling; within 1e-5.
/// </summary>
public sealed class ResamplingReferenceTests
{
    const double Tolerance = 1e-5;

    public static TheoryData<string> Cases() => ["oblique", "anisotropic", "lps", "las", "downsample"];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Trilinear_equals_scipy_map_coordinates_order_1(string name)
    {
        var fixture = ResamplingFixture.Load(name);
        var result = Resample.Linear(fixture.Source(), fixture.Target, name);
        AssertClose(ResamplingFixture.Doubles(fixture["linear"]), result.Voxels);
        Assert.True(result.Affine.Equals(fixture.Target.Affine));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Nearest_equals_scipy_map_coordinates_order_0(string name)
    {
        var fixture = ResamplingFixture.Load(name);
        var result = Resample.Nearest(fixture.Source("labels"), fixture.Target, name);
        Assert.Equal(ResamplingFixture.Floats(fixture["nearest"]), result.Voxels);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Binary_mask_is_linear_above_one_half(string name)
    {
        var fixture = ResamplingFixture.Load(name);
        var mask = fixture.Source().Map(v => v > 0.5f ? (byte)1 : (byte)0);
        var result = Resample.Mask(mask, fixture.Target, name);
        Assert.Equal(ResamplingFixture.Floats(fixture["mask"]).Select(v => (byte)v).ToArray(), result.Voxels);
    }

    [Fact]
    public void Antialiased_downsampling_equals_gaussian_filter_then_map_coordinates()
    {
        var fixture = ResamplingFixture.Load("downsample");
        var mapping = new VoxelMapping(fixture.Source().Affine, fixture.Target.Affine);
        Assert.Equal(ResamplingFixture.Doubles(fixture["sigmas"]), AntiAliasing.Sigmas(mapping), (a, b) => Math.Abs(a - b) < 1e-12);
        var result = Resample.Linear(fixture.Source(), fixture.Target, "downsample", antiAlias: true);
        AssertClose(ResamplingFixture.Doubles(fixture["antialiased"]), result.Voxels);
        // The blur matters here: without it the values differ from the reference by far more than the tolerance.
        var plain = Resample.Linear(fixture.Source(), fixture.Target, "downsample");
        Assert.True(MaxDifference(ResamplingFixture.Doubles(fixture["antialiased"]), plain.Voxels) > 100 * Tolerance);
    }

    [Fact]
    public void Fixtures_sample_inside_and_outside_the_source()
    {
        foreach (string name in Cases())
        {
            double outside = ResamplingFixture.Load(name)["outside_fraction"].GetDouble();
            Assert.InRange(outside, 0.05, 0.95);
        }
    }

    static void AssertClose(double[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        double worst = MaxDifference(expected, actual);
        Assert.True(worst <= Tolerance, $"largest difference to scipy {worst:G3} > {Tolerance}");
    }

    static double MaxDifference(double[] expected, float[] actual) =>
        expected.Zip(actual, (e, a) => Math.Abs(e - a)).Max();
}
