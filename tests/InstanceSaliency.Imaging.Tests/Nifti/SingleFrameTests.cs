using InstanceSaliency.Imaging.Geometry;
using InstanceSaliency.Imaging.Nifti;
using InstanceSaliency.Imaging.Volumes;
using InstanceSaliency.TestSupport;

namespace InstanceSaliency.Imaging.Tests.Nifti;

/// <summary>
/// A scan or mask must be one 3D image: a series of frames is refused with one message naming the file, its shape
/// and the fix, never cut to its first frame (issue 19, item 3); trailing dimensions of size 1 are fine, and a
/// frame asked for by number is still read.
/// </summary>
public sealed class SingleFrameTests : IDisposable
{
    static readonly GridShape Shape = new(6, 5, 4);
    readonly TemporaryDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void A_4D_scan_is_refused_with_its_shape_and_the_fslroi_fix()
    {
        string path = WriteSeries("flair.nii.gz", 2);
        var error = Assert.Throws<InvalidInputException>(() => NiftiFile.ReadVolume(path));
        string stem = path[..^".nii.gz".Length];
        Assert.Equal($"{path}: a 4D image (6×5×4×2); a 3D scan is expected: pass one frame, e.g. fslroi {path} {stem}0 0 1.", error.Message);
    }

    [Fact]
    public void A_4D_image_converted_without_a_frame_number_is_refused()
    {
        // The explain path reads the FLAIR's header and converts it: the same rule applies there.
        string path = WriteSeries("flair.nii", 3);
        var error = Assert.Throws<InvalidInputException>(() => NiftiFile.Read(path).ToFloatVolume());
        Assert.StartsWith($"{path}: a 4D image (6×5×4×3); a 3D scan is expected", error.Message);
    }

    [Fact]
    public void A_4D_mask_gives_the_same_message_read_as_truth_or_converted_as_the_lesions_mask()
    {
        string path = WriteSeries("mask.nii.gz", 2);
        var asTruth = Assert.Throws<InvalidInputException>(() => NiftiFile.ReadMask(path));
        var withWarnings = Assert.Throws<InvalidInputException>(() => NiftiFile.ReadMaskWithWarnings(path));
        var asLesionsMask = Assert.Throws<InvalidInputException>(() => NiftiFile.Read(path).ToMask());
        Assert.Contains("a 4D image (6×5×4×2); a 3D mask is expected", asTruth.Message);
        Assert.Equal(asTruth.Message, withWarnings.Message);
        Assert.Equal(asTruth.Message, asLesionsMask.Message);
    }

    [Fact]
    public void A_5D_image_with_two_frames_is_refused_without_an_fslroi_hint()
    {
        string path = Write("dti.nii.gz", [6, 5, 4, 1, 2]);
        var error = Assert.Throws<InvalidInputException>(() => NiftiFile.ReadVolume(path));
        Assert.Equal($"{path}: a 5D image (6×5×4×1×2); a 3D scan is expected: pass one 3D volume of it.", error.Message);
    }

    [Theory]
    [InlineData(new long[] { 6, 5, 4, 1 })]
    [InlineData(new long[] { 6, 5, 4, 1, 1 })]
    [InlineData(new long[] { 6, 5, 4, 1, 1, 1, 1 })]
    public void Trailing_dimensions_of_size_one_are_accepted(long[] dims)
    {
        string path = Write("single.nii.gz", dims);
        var volume = NiftiFile.ReadVolume(path);
        Assert.Equal(Shape, volume.Shape);
        Assert.Equal(Frame(0), volume.Voxels);
        Assert.Equal(Shape, NiftiFile.ReadMask(path).Shape);
    }

    [Fact]
    public void A_frame_asked_for_by_number_is_read()
    {
        string path = WriteSeries("series.nii.gz", 3);
        Assert.Equal(Frame(0), NiftiFile.ReadVolume(path, 0).Voxels);
        Assert.Equal(Frame(2), NiftiFile.ReadVolume(path, 2).Voxels);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(-1)]
    public void A_frame_outside_the_series_is_refused(int frame)
    {
        string path = WriteSeries("series.nii.gz", 3);
        var error = Assert.Throws<InvalidInputException>(() => NiftiFile.ReadVolume(path, frame));
        Assert.Equal($"{path}: frame {frame} requested, the image has 3 (0 to 2).", error.Message);
    }

    [Fact]
    public void Files_written_by_nibabel_follow_the_rule()
    {
        foreach (var entry in MaskFixtures.Files())
        {
            string path = MaskFixtures.Path(entry);
            if (entry.TryGetProperty("frames", out _))
            {
                Assert.Contains("a 3D mask is expected", Assert.Throws<InvalidInputException>(() => NiftiFile.ReadMask(path)).Message);
                Assert.Contains("a 3D scan is expected", Assert.Throws<InvalidInputException>(() => NiftiFile.ReadVolume(path)).Message);
                continue;
            }
            var shape = NiftiFile.ReadVolume(path).Shape;
            Assert.Equal(entry.GetProperty("shape").EnumerateArray().Take(3).Select(d => d.GetInt32()), new[] { shape.I, shape.J, shape.K });
        }
    }

    /// <summary>Frame f holds the values 1000·f + n (n the voxel index in storage order).</summary>
    static float[] Frame(int f) => Enumerable.Range(0, (int)Shape.VoxelCount).Select(n => 1000f * f + n).ToArray();

    string WriteSeries(string name, int frames) => Write(name, [Shape.I, Shape.J, Shape.K, frames]);

    string Write(string name, long[] dims)
    {
        long frames = dims.Skip(3).Aggregate(1L, (a, d) => a * d);
        var voxels = Enumerable.Range(0, (int)frames).SelectMany(Frame).ToArray();
        var geometry = TestGeometry.Rotated(Shape, flipped: true);
        var header = new NiftiHeader { Dims = [1] }.WithGeometry(geometry, dims.Skip(3).ToArray()) with { Datatype = NiftiDatatype.Float32 };
        string path = _folder.File(name);
        NiftiFile.Write(new NiftiImage(header, voxels), path);
        Assert.Equal(dims, NiftiFile.ReadHeader(path).Dims);
        return path;
    }
}
