using System.IO.Compression;
using InstanceSaliency.Imaging.Volumes;

namespace InstanceSaliency.Imaging.Nifti;

/// <summary>
/// Reads and writes single-file NIfTI-1 and NIfTI-2 images, plain (.nii) or gzip-compressed (.nii.gz, recognised
/// by content; multi-member gzip is read through). Every problem with a file becomes an
/// <see cref="InvalidInputException"/> naming the file, raised before voxels are allocated where the header
/// alone shows it. Writes go to a temporary name in the target folder and are renamed into place, so a failed
/// write never leaves a file that looks complete.
/// </summary>
public static class NiftiFile
{
    /// <summary>
    /// Deflate cannot expand data by more than about 1032:1; a .nii.gz declaring more voxel bytes than that bound
    /// allows is refused before allocation.
    /// </summary>
    const long MaxDeflateRatio = 1032;

    /// <summary>Reads the header and all voxels of <paramref name="path"/>.</summary>
    public static NiftiImage Read(string path)
    {
        using var file = OpenForRead(path);
        return Read(file, file.Length, path);
    }

    /// <summary>
    /// Reads an image from a seekable stream of <paramref name="length"/> bytes (plain or gzip);
    /// <paramref name="name"/> names it in errors.
    /// </summary>
    internal static NiftiImage Read(Stream file, long length, string name)
    {
        if (length == 0) throw new InvalidInputException($"{name}: empty file.");
        bool gzip = IsGzip(file);
        using Stream stream = gzip ? new GZipStream(file, CompressionMode.Decompress, leaveOpen: true) : new ReadOnlyView(file);
        try
        {
            var header = ReadHeader(stream, name);
            CheckDeclaredSize(header, length, gzip, name);
            Skip(stream, header.VoxOffset - Consumed(header), name);
            var voxels = NiftiVoxels.Allocate(header.Datatype, (int)header.VoxelCount);
            var bytes = NiftiVoxels.Bytes(voxels);
            int read = stream.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false);
            if (read < bytes.Length)
                throw new InvalidInputException($"{name}: truncated data: {read} of {bytes.Length} voxel bytes present.");
            if (gzip && stream.ReadByte() >= 0)
                throw new InvalidInputException($"{name}: the gzip stream holds more data than the header declares ({string.Join("×", header.Dims)} {NiftiDatatypes.Name(header.Datatype)}).");
            if (header.BigEndian != !BitConverter.IsLittleEndian)
                NiftiVoxels.SwapBytes(bytes, NiftiDatatypes.Size(header.Datatype));
            return new NiftiImage(header, voxels, name);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidInputException($"{name}: corrupt gzip stream ({e.Message}).", e);
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidInputException($"{name}: truncated file.", e);
        }
    }

    /// <summary>Reads only the header (cheap, also for large files).</summary>
    public static NiftiHeader ReadHeader(string path)
    {
        using var file = OpenForRead(path);
        if (file.Length == 0) throw new InvalidInputException($"{path}: empty file.");
        bool gzip = IsGzip(file);
        using Stream stream = gzip ? new GZipStream(file, CompressionMode.Decompress, leaveOpen: true) : file;
        try { return ReadHeader(stream, path); }
        catch (InvalidDataException e) { throw new InvalidInputException($"{path}: corrupt gzip stream ({e.Message}).", e); }
    }

    /// <summary>
    /// Reads a 3D image as float32 after scaling. An image with several frames (a dimension beyond the third &gt; 1)
    /// is refused with its shape and the fix (<see cref="SingleFrame"/>); trailing dimensions of size 1 are fine.
    /// </summary>
    public static Volume<float> ReadVolume(string path) => Read(path).ToFloatVolume();

    /// <summary>Reads frame <paramref name="frame"/> (0-based, over the dimensions beyond the third) as float32 after scaling.</summary>
    public static Volume<float> ReadVolume(string path, int frame)
    {
        var image = Read(path);
        if (frame < 0 || frame >= image.FrameCount)
            throw new InvalidInputException($"{path}: frame {frame} requested, the image has {image.FrameCount} (0 to {image.FrameCount - 1}).");
        return image.ToFloatVolume(frame);
    }

    /// <summary>
    /// Reads a 3D binary mask by <see cref="MaskBinarisation"/> (lesion ⇔ scaled value &gt; 0.5, negative values
    /// refused), returning the warnings non-binary values raise; several frames are refused (<see cref="SingleFrame"/>).
    /// </summary>
    public static MaskReading ReadMaskWithWarnings(string path) => Read(path).ToMaskReading();

    /// <summary>
    /// <see cref="ReadMaskWithWarnings"/> with the warnings dropped: for masks the tool wrote itself. A mask a user
    /// gives goes through <see cref="ReadMaskWithWarnings"/> so the warnings reach them (negative values are refused
    /// either way).
    /// </summary>
    public static Volume<byte> ReadMask(string path) => ReadMaskWithWarnings(path).Mask;

    /// <summary>
    /// Writes a volume in its own voxel type with its geometry (both qform and sform, with codes). The
    /// <paramref name="template"/> header, e.g. that of the input scan, supplies the remaining fields
    /// (description, units, intent); scaling is reset. Gzip-compressed when the path ends in ".gz".
    /// </summary>
    public static void Write<T>(Volume<T> volume, string path, NiftiHeader? template = null) where T : unmanaged =>
        Write(NiftiImage.FromVolume(volume, template), path);

    /// <summary>Writes an image with its header's format and byte order, atomically.</summary>
    public static void Write(NiftiImage image, string path)
    {
        var header = image.Header with
        {
            VoxOffset = (image.Header.Format == NiftiFormat.Nifti1 ? NiftiHeaderCodec.Nifti1Size : NiftiHeaderCodec.Nifti2Size) + 4,
        };
        if (header.Format == NiftiFormat.Nifti1 && header.Dims.Any(d => d > short.MaxValue))
            header = header with { Format = NiftiFormat.Nifti2 };
        AtomicFile.Write(path, stream =>
        {
            using Stream output = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)
                ? new GZipStream(stream, CompressionLevel.Fastest, leaveOpen: true)
                : new NonClosingStream(stream);
            output.Write(NiftiHeaderCodec.Encode(header));
            WriteVoxels(output, image.Voxels, header);
        });
    }

    static void WriteVoxels(Stream output, Array voxels, NiftiHeader header)
    {
        var bytes = NiftiVoxels.Bytes(voxels);
        int size = NiftiDatatypes.Size(header.Datatype);
        if (header.BigEndian == !BitConverter.IsLittleEndian || size == 1)
        {
            output.Write(bytes);
            return;
        }
        // Swap a chunk at a time so a big-endian write never doubles the memory of a large image.
        var chunk = new byte[1 << 20];
        for (int at = 0; at < bytes.Length; at += chunk.Length)
        {
            int n = Math.Min(chunk.Length, bytes.Length - at);
            bytes.Slice(at, n).CopyTo(chunk);
            NiftiVoxels.SwapBytes(chunk.AsSpan(0, n), size);
            output.Write(chunk, 0, n);
        }
    }

    static FileStream OpenForRead(string path)
    {
        if (Directory.Exists(path)) throw new InvalidInputException($"{path}: is a directory, not a NIfTI file.");
        if (!File.Exists(path)) throw new InvalidInputException($"{path}: no such file.");
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16);
        }
        catch (UnauthorizedAccessException e) { throw new InvalidInputException($"{path}: permission denied.", e); }
        catch (IOException e) { throw new InvalidInputException($"{path}: cannot be opened ({e.Message}).", e); }
    }

    static bool IsGzip(Stream file)
    {
        Span<byte> magic = stackalloc byte[2];
        int n = file.ReadAtLeast(magic, 2, throwOnEndOfStream: false);
        file.Position = 0;
        return n == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
    }

    static NiftiHeader ReadHeader(Stream stream, string path)
    {
        var start = new byte[4];
        int got = stream.ReadAtLeast(start, 4, throwOnEndOfStream: false);
        var sniffed = NiftiHeaderCodec.Sniff(start.AsSpan(0, got));
        if (sniffed is null)
        {
            // Read a little more so the error can tell a text file from binary junk.
            var sample = new byte[64];
            start.AsSpan(0, got).CopyTo(sample);
            int more = got == 4 ? stream.ReadAtLeast(sample.AsSpan(4), 60, throwOnEndOfStream: false) : 0;
            return NiftiHeaderCodec.Decode(sample.AsSpan(0, got + more), path); // throws the right message
        }
        int size = sniffed.Value.Format == NiftiFormat.Nifti1 ? NiftiHeaderCodec.Nifti1Size : NiftiHeaderCodec.Nifti2Size;
        var bytes = new byte[size];
        start.CopyTo(bytes, 0);
        int rest = stream.ReadAtLeast(bytes.AsSpan(4), size - 4, throwOnEndOfStream: false);
        return NiftiHeaderCodec.Decode(bytes.AsSpan(0, 4 + rest), path);
    }

    static long Consumed(NiftiHeader header) =>
        header.Format == NiftiFormat.Nifti1 ? NiftiHeaderCodec.Nifti1Size : NiftiHeaderCodec.Nifti2Size;

    static void CheckDeclaredSize(NiftiHeader header, long fileLength, bool gzip, string path)
    {
        long dataBytes = header.VoxelCount * NiftiDatatypes.Size(header.Datatype);
        string declared = $"{string.Join("×", header.Dims)} {NiftiDatatypes.Name(header.Datatype)} voxels ({dataBytes} bytes) from offset {header.VoxOffset}";
        if (header.VoxelCount > Array.MaxLength)
            throw new InvalidInputException($"{path}: {declared}: more voxels than one array can hold ({Array.MaxLength}).");
        long needed = header.VoxOffset + dataBytes;
        if (!gzip && needed > fileLength)
            throw new InvalidInputException($"{path}: truncated data: the header declares {declared}, but the file has {fileLength} bytes.");
        if (gzip && needed > fileLength * MaxDeflateRatio + (1 << 16))
            throw new InvalidInputException($"{path}: the header declares {declared}, more than a {fileLength}-byte gzip file can hold; the dimensions are wrong or the file is truncated.");
    }

    static void Skip(Stream stream, long count, string path)
    {
        var buffer = new byte[Math.Min(count, 1 << 16)];
        while (count > 0)
        {
            int n = stream.Read(buffer, 0, (int)Math.Min(buffer.Length, count));
            if (n == 0) throw new InvalidInputException($"{path}: truncated: the file ends before vox_offset.");
            count -= n;
        }
    }

    /// <summary>A plain file read through the same code as a gzip stream, without closing the file on dispose.</summary>
    sealed class ReadOnlyView(Stream inner) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => inner.Length;
        public override long Position { get => inner.Position; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);
        public override int Read(Span<byte> buffer) => inner.Read(buffer);
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    /// <summary>Lets a writer dispose its wrapper without closing the temporary file underneath.</summary>
    sealed class NonClosingStream(Stream inner) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => inner.Length;
        public override long Position { get => inner.Position; set => throw new NotSupportedException(); }
        public override void Flush() => inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);
        public override void Write(ReadOnlySpan<byte> buffer) => inner.Write(buffer);
    }
}
