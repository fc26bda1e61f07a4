using InstanceSaliency.Imaging.Geometry;
using InstanceSaliency.Imaging.Nifti;
using InstanceSaliency.Imaging.Volumes;
using InstanceSaliency.TestSupport;

namespace InstanceSaliency.Imaging.Tests.Nifti;

public sealed class NiftiRoundTripTests
{
    public static TheoryData<NiftiDatatype, bool, NiftiFormat, bool> Cases()
    {
        var data = new TheoryData<NiftiDatatype, bool, NiftiFormat, bool>();
        NiftiDatatype[] types =
        [
            NiftiDatatype.UInt8, NiftiDatatype.Int8, NiftiDatatype.Int16, NiftiDatatype.UInt16, NiftiDatatype.Int32,
            NiftiDatatype.UInt32, NiftiDatatype.Int64, NiftiDatatype.UInt64, NiftiDatatype.Float32, NiftiDatatype.Float64,
        ];
        foreach (var type in types)
            foreach (bool bigEndian in new[] { false, true })
                foreach (var format in new[] { NiftiFormat.Nifti1, NiftiFormat.Nifti2 })
                    foreach (bool gzip in new[] { false, true })
                        data.Add(type, bigEndian, format, gzip);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Write_then_read_keeps_data_geometry_and_codes(NiftiDatatype type, bool bigEndian, NiftiFormat format, bool gzip)
    {
        using var folder = new TemporaryDirectory();
        var geometry = TestGeometry.Rotated(new GridShape(5, 4, 3), flipped: true) with { QformCode = 1, SformCode = 4 };
        var header = new NiftiHeader { Dims = [5, 4, 3, 2] }.WithGeometry(geometry, 2) with
        {
            Format = format,
            BigEndian = bigEndian,
            Datatype = type,
            SclSlope = 2,
            SclInter = -1,
            Description = "round trip",
            IntentName = "test",
            XyztUnits = 10,
        };
        var voxels = RandomVoxels(type, (int)header.VoxelCount, seed: (int)type * 7 + (bigEndian ? 1 : 0));
        string path = folder.File("image.nii" + (gzip ? ".gz" : ""));

        NiftiFile.Write(new NiftiImage(header, voxels), path);
        var back = NiftiFile.Read(path);

        Assert.Equal(format, back.Header.Format);
        Assert.Equal(bigEndian, back.Header.BigEndian);
        Assert.Equal(type, back.Header.Datatype);
        Assert.Equal(header.Dims, back.Header.Dims);
        Assert.Equal(NiftiVoxelsBytes(voxels), NiftiVoxelsBytes(back.Voxels));
        Assert.Equal((2.0, -1.0), back.Header.EffectiveScaling);
        Assert.Equal("round trip", back.Header.Description);
        Assert.Equal("test", back.Header.IntentName);
        Assert.Equal(10, back.Header.XyztUnits);
        Assert.Equal(1, back.Header.QformCode);
        Assert.Equal(4, back.Header.SformCode);
        // NIfTI-1 stores float32: the affines agree to float32 precision; NIfTI-2 stores doubles: exactly.
        double tolerance = format == NiftiFormat.Nifti1 ? 1e-5 : 1e-12;
        Assert.True(back.Geometry.Sform.MaxAbsDifference(geometry.Sform) <= tolerance);
        Assert.True(back.Geometry.QformAffine.MaxAbsDifference(geometry.QformAffine) <= tolerance);
        Assert.Equal(-1, back.Geometry.Qfac);
    }

    [Fact]
    public void Real_scan_rewritten_as_map_and_mask_keeps_qform_and_sform()
    {
        using var folder = new TemporaryDirectory();
        string flairPath = RepositoryPaths.RealCase("patient26", "flair.nii.gz");
        var source = NiftiFile.Read(flairPath);
        var flair = source.ToFloatVolume();
        var mask = NiftiFile.ReadMask(RepositoryPaths.RealCase("patient26", "mask.nii.gz"));

        NiftiFile.Write(flair, folder.File("map.nii.gz"), source.Header);
        NiftiFile.Write(mask, folder.File("mask.nii"), source.Header);
        var map = NiftiFile.Read(folder.File("map.nii.gz"));
        var maskBack = NiftiFile.Read(folder.File("mask.nii"));

        foreach (var written in new[] { map, maskBack })
        {
            Assert.Equal(source.Header.QformCode, written.Header.QformCode);
            Assert.Equal(source.Header.SformCode, written.Header.SformCode);
            Assert.Equal(source.Header.Srow, written.Header.Srow);
            Assert.Equal((source.Header.QuaternB, source.Header.QuaternC, source.Header.QuaternD), (written.Header.QuaternB, written.Header.QuaternC, written.Header.QuaternD));
            Assert.Equal((source.Header.QOffsetX, source.Header.QOffsetY, source.Header.QOffsetZ), (written.Header.QOffsetX, written.Header.QOffsetY, written.Header.QOffsetZ));
            Assert.Equal(source.Header.Pixdim.Take(4), written.Header.Pixdim.Take(4));
            Assert.Equal(source.Geometry.Affine, written.Geometry.Affine);
        }
        Assert.Equal(NiftiDatatype.Float32, map.Header.Datatype);
        Assert.Equal(NiftiDatatype.UInt8, maskBack.Header.Datatype);
        Assert.Equal(flair.Voxels, map.ToFloatVolume().Voxels);
        Assert.Equal(mask.Voxels, (byte[])maskBack.Voxels);
    }

    [Fact]
    public void Failed_write_leaves_no_file_behind()
    {
        using var folder = new TemporaryDirectory();
        string path = folder.File("out.nii.gz");
        Assert.ThrowsAny<InvalidOperationException>(() => AtomicFile.Write(path, stream =>
        {
            stream.Write(new byte[1000]);
            throw new InvalidOperationException("interrupted");
        }));
        Assert.Empty(Directory.GetFileSystemEntries(folder.Path));
    }

    [Fact]
    public void Writing_replaces_an_existing_file_whole()
    {
        using var folder = new TemporaryDirectory();
        string path = folder.File("mask.nii");
        var small = Volume<byte>.Zeros(TestGeometry.Rotated(new GridShape(2, 2, 2), flipped: false));
        var large = Volume<byte>.Zeros(TestGeometry.Rotated(new GridShape(9, 9, 9), flipped: false));
        NiftiFile.Write(large, path);
        NiftiFile.Write(small, path);
        Assert.Equal(new long[] { 2, 2, 2 }, NiftiFile.Read(path).Header.Dims);
        Assert.Single(Directory.GetFiles(folder.Path));
    }

    static Array RandomVoxels(NiftiDatatype type, int count, int seed)
    {
        var random = new Random(seed);
        var array = Array.CreateInstance(TypeOf(type), count);
        var bytes = NiftiVoxelsBytes(array);
        random.NextBytes(bytes);
        if (array is float[] f) for (int n = 0; n < count; n++) f[n] = (float)(random.NextDouble() * 2000 - 1000);
        if (array is double[] d) for (int n = 0; n < count; n++) d[n] = random.NextDouble() * 2000 - 1000;
        return array;
    }

    static Type TypeOf(NiftiDatatype type) => type switch
    {
        NiftiDatatype.UInt8 => typeof(byte), NiftiDatatype.Int8 => typeof(sbyte),
        NiftiDatatype.Int16 => typeof(short), NiftiDatatype.UInt16 => typeof(ushort),
        NiftiDatatype.Int32 => typeof(int), NiftiDatatype.UInt32 => typeof(uint),
        NiftiDatatype.Int64 => typeof(long), NiftiDatatype.UInt64 => typeof(ulong),
        NiftiDatatype.Float32 => typeof(float), _ => typeof(double),
    };

    static byte[] NiftiVoxelsBytes(Array voxels)
    {
        int size = System.Runtime.InteropServices.Marshal.SizeOf(voxels.GetType().GetElementType()!);
        var bytes = new byte[voxels.Length * size];
        Buffer.BlockCopy(voxels, 0, bytes, 0, bytes.Length);
        return bytes;
    }
}
