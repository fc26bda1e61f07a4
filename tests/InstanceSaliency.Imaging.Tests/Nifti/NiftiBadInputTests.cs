using System.Buffers.Binary;
using System.IO.Compression;
using InstanceSaliency.Imaging.Geometry;
using InstanceSaliency.Imaging.Nifti;
using InstanceSaliency.Imaging.Volumes;
using InstanceSaliency.TestSupport;

namespace InstanceSaliency.Imaging.Tests.Nifti;

/// <summary>Every malformed file gives an <see cref="InvalidInputException"/> that names the file and the problem.</summary>
public sealed class NiftiBadInputTests : IDisposable
{
    readonly TemporaryDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Missing_file_is_named() => AssertRefused(_folder.File("absent.nii.gz"), "no such file", create: null);

    [Fact]
    public void Directory_is_refused()
    {
        string dir = _folder.File("folder.nii");
        Directory.CreateDirectory(dir);
        AssertRefused(dir, "is a directory", create: null);
    }

    [Fact]
    public void Empty_file_is_refused() => AssertRefused(_folder.File("empty.nii"), "empty file", create: []);

    [Fact]
    public void Text_file_is_refused() =>
        AssertRefused(_folder.File("notes.nii"), "text file", create: "subject,age\n01,34\n"u8.ToArray());

    [Fact]
    public void Wrong_magic_is_refused()
    {
        var bytes = ValidFile();
        "xyz\0"u8.CopyTo(bytes.AsSpan(344));
        AssertRefused(_folder.File("magic.nii"), "wrong magic", bytes);
    }

    [Fact]
    public void Analyze_pair_header_is_explained()
    {
        var bytes = ValidFile();
        "ni1\0"u8.CopyTo(bytes.AsSpan(344));
        AssertRefused(_folder.File("pair.nii"), ".hdr/.img pair", bytes);
    }

    [Fact]
    public void Truncated_header_is_refused() => AssertRefused(_folder.File("short.nii"), "truncated header", ValidFile()[..200]);

    [Fact]
    public void Truncated_data_is_refused() => AssertRefused(_folder.File("cut.nii"), "truncated data", ValidFile()[..^7]);

    [Fact]
    public void Truncated_gzip_data_is_refused() => AssertRefused(_folder.File("cut.nii.gz"), "truncated", Gzip(ValidFile()[..^7]));

    [Fact]
    public void Dimensions_larger_than_the_data_are_refused()
    {
        var bytes = ValidFile();
        BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(42), 50);
        AssertRefused(_folder.File("dims.nii"), "truncated data", bytes);
    }

    [Fact]
    public void Absurd_dimensions_in_a_tiny_gzip_never_allocate()
    {
        var bytes = ValidFile()[..400];
        for (int i = 0; i < 3; i++) BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(42 + 2 * i), 32000);
        string path = _folder.File("huge.nii.gz");
        File.WriteAllBytes(path, Gzip(bytes));
        long before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<InvalidInputException>(() => NiftiFile.Read(path));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Contains(path, error.Message);
        Assert.True(allocated < 16 << 20, $"allocated {allocated} bytes before refusing");
    }

    [Fact]
    public void Absurd_dimensions_in_a_tiny_plain_file_never_allocate()
    {
        var bytes = ValidFile();
        for (int i = 0; i < 3; i++) BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(42 + 2 * i), 32000);
        string path = _folder.File("huge.nii");
        File.WriteAllBytes(path, bytes);
        long before = GC.GetAllocatedBytesForCurrentThread();
        Assert.Throws<InvalidInputException>(() => NiftiFile.Read(path));
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 16 << 20);
    }

    [Fact]
    public void Gzip_stream_longer_than_declared_is_refused()
    {
        var bytes = ValidFile().Concat(new byte[4096]).ToArray();
        AssertRefused(_folder.File("long.nii.gz"), "more data than the header declares", Gzip(bytes));
    }

    [Theory]
    [InlineData((short)32, "complex")]
    [InlineData((short)128, "RGB")]
    [InlineData((short)1, "unsupported datatype")]
    [InlineData((short)1536, "unsupported datatype")]
    [InlineData((short)999, "unsupported datatype")]
    public void Unsupported_datatypes_are_refused(short code, string words)
    {
        var bytes = ValidFile();
        BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(70), code);
        AssertRefused(_folder.File($"type{code}.nii"), words, bytes);
    }

    [Fact]
    public void Negative_dimension_is_refused()
    {
        var bytes = ValidFile();
        BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(44), -3);
        AssertRefused(_folder.File("negative.nii"), "dim[2] = -3", bytes);
    }

    [Fact]
    public void Qform_that_is_not_a_rotation_is_refused()
    {
        var bytes = ValidFile();
        BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(252), 1);
        BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(256), 0.9f);
        BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(260), 0.9f);
        AssertRefused(_folder.File("quaternion.nii"), "not a rotation", bytes);
    }

    [Fact]
    public void Sform_with_non_finite_rows_is_refused()
    {
        var bytes = ValidFile();
        BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(254), 2);
        BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(284), float.NaN);
        AssertRefused(_folder.File("sform.nii"), "non-finite", bytes);
    }

    [Fact]
    public void Corrupt_gzip_is_refused()
    {
        var gz = Gzip(ValidFile());
        for (int i = 20; i < 60; i++) gz[i] ^= 0x5a;
        AssertRefused(_folder.File("corrupt.nii.gz"), "", gz);
    }

    /// <summary>
    /// A seeded mutation fuzzer over the header and the first data bytes of plain and gzip files: whatever the
    /// bytes, reading ends in a clean image or an <see cref="InvalidInputException"/>, never another exception.
    /// </summary>
    [Fact]
    public void Fuzzed_headers_give_only_clean_errors()
    {
        var random = new Random(1234);
        var seeds = new[] { ValidFile(), ValidFile(NiftiFormat.Nifti2), ValidFile(bigEndian: true) };
        int refused = 0, read = 0;
        for (int iteration = 0; iteration < 3000; iteration++)
        {
            var bytes = (byte[])seeds[iteration % seeds.Length].Clone();
            int mutations = 1 + random.Next(8);
            for (int m = 0; m < mutations; m++)
            {
                int at = random.Next(Math.Min(bytes.Length, 600));
                bytes[at] = random.Next(4) switch
                {
                    0 => (byte)random.Next(256),
                    1 => 0xff,
                    2 => 0,
                    _ => (byte)(bytes[at] ^ (1 << random.Next(8))),
                };
            }
            if (random.Next(10) == 0) bytes = bytes[..random.Next(bytes.Length)];
            if (random.Next(3) == 0) bytes = Gzip(bytes);
            using var stream = new MemoryStream(bytes);
            try
            {
                NiftiFile.Read(stream, bytes.Length, "fuzz.nii");
                read++;
            }
            catch (InvalidInputException e)
            {
                Assert.StartsWith("fuzz.nii: ", e.Message);
                Assert.DoesNotContain('\n', e.Message);
                refused++;
            }
        }
        Assert.True(refused > 500, $"only {refused} of 3000 mutated files were refused");
        Assert.True(read > 10, $"only {read} mutated files were read");
    }

    void AssertRefused(string path, string words, byte[]? create)
    {
        if (create is not null) File.WriteAllBytes(path, create);
        var error = Assert.Throws<InvalidInputException>(() => NiftiFile.Read(path));
        Assert.StartsWith(path + ": ", error.Message);
        Assert.Contains(words, error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    byte[] ValidFile(NiftiFormat format = NiftiFormat.Nifti1, bool bigEndian = false)
    {
        var geometry = ImageGeometry.FromAffine(new GridShape(6, 5, 4), Affine.Diagonal(1, 1, 2));
        var image = NiftiImage.FromVolume(new Volume<float>(Enumerable.Range(0, 120).Select(v => (float)v).ToArray(), geometry));
        string path = _folder.File($"valid-{Guid.NewGuid():N}.nii");
        NiftiFile.Write(new NiftiImage(image.Header with { Format = format, BigEndian = bigEndian }, image.Voxels), path);
        var bytes = File.ReadAllBytes(path);
        File.Delete(path);
        return bytes;
    }

    static byte[] Gzip(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest)) gzip.Write(bytes);
        return output.ToArray();
    }
}
