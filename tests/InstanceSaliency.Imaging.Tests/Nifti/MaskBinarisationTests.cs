using System.Globalization;
using InstanceSaliency.Imaging.Geometry;
using InstanceSaliency.Imaging.Nifti;
using InstanceSaliency.Imaging.Volumes;
using InstanceSaliency.TestSupport;

namespace InstanceSaliency.Imaging.Tests.Nifti;

/// <summary>
/// One rule for mask values (issue 19, item 8): lesion ⇔ value &gt; 0.5; values within 1e-4 of 0 or 1 are binary;
/// other values are binarised and reported in a warning; negative values are refused. Counts are checked against
/// nibabel (tools/reference/mask_reference.py).
/// </summary>
public sealed class MaskBinarisationTests : IDisposable
{
    readonly TemporaryDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("non-binary.nii.gz")]
    [InlineData("probability.nii.gz")]
    [InlineData("labels.nii.gz")]
    [InlineData("near-one-float64.nii.gz")]
    [InlineData("scaled-uint8.nii.gz")]
    [InlineData("one-frame-4d.nii.gz")]
    public void Lesion_voxels_and_warnings_match_nibabel(string file)
    {
        var expected = MaskFixtures.File(file);
        string path = MaskFixtures.Path(expected);
        var reading = NiftiFile.ReadMaskWithWarnings(path);

        Assert.Equal(expected.GetProperty("lesion_voxels").GetInt32(), reading.Mask.Voxels.Count(v => v == 1));
        Assert.All(reading.Mask.Voxels, v => Assert.True(v is 0 or 1));
        Assert.All(reading.Warnings, w => Assert.StartsWith(path + ": ", w));
        int nonBinary = expected.GetProperty("non_binary").GetInt32();
        string? warning = reading.Warnings.SingleOrDefault(w => w.Contains("not a binary mask", StringComparison.Ordinal));
        if (nonBinary == 0) Assert.Null(warning);
        else
        {
            var c = CultureInfo.InvariantCulture;
            Assert.NotNull(warning);
            Assert.Contains($"{nonBinary} voxel(s) hold values other than 0 and 1", warning);
            Assert.Contains(string.Create(c, $"from {expected.GetProperty("non_binary_min").GetDouble():G6} to {expected.GetProperty("non_binary_max").GetDouble():G6}"), warning);
            Assert.Contains($"{expected.GetProperty("non_binary_lesion").GetInt32()} of them count as lesion", warning);
        }
        int nan = expected.GetProperty("nan").GetInt32();
        Assert.Equal(nan > 0, reading.Warnings.Any(w => w.Contains($"{nan} voxel(s) are NaN; they count as background", StringComparison.Ordinal)));
        Assert.Equal((nonBinary > 0 ? 1 : 0) + (nan > 0 ? 1 : 0), reading.Warnings.Count);
        Assert.Equal(reading.Mask.Voxels, NiftiFile.ReadMask(path).Voxels);
    }

    [Fact]
    public void Negative_values_are_refused_naming_the_file_the_voxel_the_value_and_the_fix()
    {
        var expected = MaskFixtures.File("negative.nii.gz");
        string path = MaskFixtures.Path(expected);
        var first = expected.GetProperty("first_negative").EnumerateArray().Select(e => e.GetInt32()).ToArray();
        foreach (var read in new Action[] { () => NiftiFile.ReadMask(path), () => NiftiFile.Read(path).ToMaskReading() })
        {
            var error = Assert.Throws<InvalidInputException>(read);
            Assert.Equal(
                $"{path}: a mask cannot hold negative values: voxel ({first[0]}, {first[1]}, {first[2]}) is -1 ({expected.GetProperty("negative").GetInt32()} negative voxel(s) in all). " +
                $"Store background as 0 and lesion as 1 (e.g. fslmaths {path} -thr 0 -bin mask, if negative means background).",
                error.Message);
        }
    }

    [Theory]
    [InlineData(1.00005f, false)]
    [InlineData(1.0000001f, false)]
    [InlineData(0.00009f, false)]
    [InlineData(-0.00009f, false)]
    [InlineData(1.0002f, true)]
    [InlineData(0.0002f, true)]
    [InlineData(0.3f, true)]
    [InlineData(0.5f, true)]
    public void Values_within_the_tolerance_of_0_or_1_raise_no_warning(float value, bool warned)
    {
        var values = new Volume<float>(new float[] { 0, 1, value, 0 }, TestGeometry.Rotated(new GridShape(2, 2, 1), flipped: false));
        var reading = MaskBinarisation.Apply(values, "m.nii");
        Assert.Equal(warned, reading.Warnings.Count == 1);
        Assert.Equal(new byte[] { 0, 1, value > 0.5f ? (byte)1 : (byte)0, 0 }, reading.Mask.Voxels);
    }

    [Fact]
    public void A_value_just_below_minus_the_tolerance_is_refused()
    {
        var values = new Volume<float>(new float[] { 0, 1, -0.0002f, 0 }, TestGeometry.Rotated(new GridShape(2, 2, 1), flipped: false));
        var error = Assert.Throws<InvalidInputException>(() => MaskBinarisation.Apply(values, "m.nii"));
        Assert.StartsWith("m.nii: a mask cannot hold negative values: voxel (0, 1, 0) is -0.0002 (1 negative voxel(s) in all)", error.Message);
    }

    [Fact]
    public void The_geometry_of_the_file_is_kept()
    {
        var geometry = TestGeometry.Rotated(new GridShape(3, 2, 2), flipped: true);
        string path = _folder.File("m.nii.gz");
        NiftiFile.Write(new Volume<float>(new float[] { 0, 0.3f, 1, 0, 0, 2, 0, 0, 0, 0, 0, 1 }, geometry), path);
        var reading = NiftiFile.ReadMaskWithWarnings(path);
        Assert.Equal(NiftiFile.ReadVolume(path).Affine.ToRowMajor(), reading.Mask.Affine.ToRowMajor());
        Assert.Equal(new byte[] { 0, 0, 1, 0, 0, 1, 0, 0, 0, 0, 0, 1 }, reading.Mask.Voxels);
        Assert.Single(reading.Warnings);
    }

    [Fact]
    public void Real_masks_are_binary_without_a_warning()
    {
        // MS3SEG masks store 255 with scl_slope 1/255 in float32 (1.00000006 after scaling): binary, no warning.
        var real = MaskFixtures.Real().ToList();
        Assert.Equal(13, real.Count);
        foreach (var entry in real)
        {
            var reading = NiftiFile.ReadMaskWithWarnings(MaskFixtures.SharedPath(entry));
            Assert.Empty(reading.Warnings);
            Assert.Equal(entry.GetProperty("lesion_voxels").GetInt32(), reading.Mask.Voxels.Count(v => v == 1));
        }
    }
}
