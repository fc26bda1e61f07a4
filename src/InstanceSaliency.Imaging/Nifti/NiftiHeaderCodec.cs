using System.Buffers.Binary;
using System.Text;

namespace InstanceSaliency.Imaging.Nifti;

/// <summary>
/// Byte layout of NIfTI-1 (348 bytes, nifti1.h) and NIfTI-2 (540 bytes, nifti2.h) headers, both byte orders.
/// The byte order is recognised from sizeof_hdr, as the standard prescribes. Every check that needs only the
/// header happens here, before any voxel is allocated.
/// </summary>
public static class NiftiHeaderCodec
{
    public const int Nifti1Size = 348;
    public const int Nifti2Size = 540;

    /// <summary>Bytes to read before the format is known: enough for either header.</summary>
    public const int LargestHeader = Nifti2Size;

    static readonly byte[] Nifti2Magic = "n+2\0\r\n\u001a\n"u8.ToArray();

    /// <summary>Recognises the format and byte order from the first four bytes; null when they are neither.</summary>
    public static (NiftiFormat Format, bool BigEndian)? Sniff(ReadOnlySpan<byte> start)
    {
        if (start.Length < 4) return null;
        int le = BinaryPrimitives.ReadInt32LittleEndian(start), be = BinaryPrimitives.ReadInt32BigEndian(start);
        if (le == Nifti1Size) return (NiftiFormat.Nifti1, false);
        if (be == Nifti1Size) return (NiftiFormat.Nifti1, true);
        if (le == Nifti2Size) return (NiftiFormat.Nifti2, false);
        if (be == Nifti2Size) return (NiftiFormat.Nifti2, true);
        return null;
    }

    /// <summary>Parses and checks a header; <paramref name="file"/> names the source in error messages.</summary>
    public static NiftiHeader Decode(ReadOnlySpan<byte> bytes, string file)
    {
        var sniffed = Sniff(bytes) ?? throw NotNifti(bytes, file);
        int size = sniffed.Format == NiftiFormat.Nifti1 ? Nifti1Size : Nifti2Size;
        if (bytes.Length < size)
            throw new InvalidInputException($"{file}: truncated header ({bytes.Length} of {size} bytes).");
        var r = new Fields(bytes.ToArray(), sniffed.BigEndian);
        var header = sniffed.Format == NiftiFormat.Nifti1 ? DecodeNifti1(r, file) : DecodeNifti2(r, file);
        Check(header, file);
        return header;
    }

    /// <summary>Encodes a header, the 4-byte extension flag (no extensions) and nothing else.</summary>
    public static byte[] Encode(NiftiHeader h)
    {
        int size = h.Format == NiftiFormat.Nifti1 ? Nifti1Size : Nifti2Size;
        var bytes = new byte[size + 4];
        var w = new Fields(bytes, h.BigEndian);
        if (h.Format == NiftiFormat.Nifti1) EncodeNifti1(w, h); else EncodeNifti2(w, h);
        return bytes;
    }

    static NiftiHeader DecodeNifti1(Fields r, string file)
    {
        string magic = r.Text(344, 4);
        if (magic == "ni1")
            throw new InvalidInputException($"{file}: a .hdr/.img pair header (magic \"ni1\"); convert it to a single .nii file (e.g. with nibabel or fslchfiletype).");
        if (magic != "n+1")
            throw new InvalidInputException($"{file}: wrong magic \"{Printable(r.Raw(344, 4))}\" (expected \"n+1\" for NIfTI-1).");
        var dims = ReadDims(i => r.I16(40 + 2 * i), file);
        return new NiftiHeader
        {
            Format = NiftiFormat.Nifti1,
            BigEndian = r.BigEndian,
            Dims = dims,
            DimInfo = r.U8(39),
            IntentP1 = r.F32(56), IntentP2 = r.F32(60), IntentP3 = r.F32(64),
            IntentCode = r.I16(68),
            Datatype = (NiftiDatatype)r.I16(70),
            SliceStart = r.I16(74),
            Pixdim = Enumerable.Range(0, 8).Select(i => (double)r.F32(76 + 4 * i)).ToArray(),
            VoxOffset = VoxOffset(r.F32(108), Nifti1Size, file),
            SclSlope = r.F32(112), SclInter = r.F32(116),
            SliceEnd = r.I16(120), SliceCode = r.U8(122), XyztUnits = r.U8(123),
            CalMax = r.F32(124), CalMin = r.F32(128), SliceDuration = r.F32(132), TOffset = r.F32(136),
            Description = r.Text(148, 80), AuxFile = r.Text(228, 24),
            QformCode = r.I16(252), SformCode = r.I16(254),
            QuaternB = r.F32(256), QuaternC = r.F32(260), QuaternD = r.F32(264),
            QOffsetX = r.F32(268), QOffsetY = r.F32(272), QOffsetZ = r.F32(276),
            Srow = Enumerable.Range(0, 12).Select(i => (double)r.F32(280 + 4 * i)).ToArray(),
            IntentName = r.Text(328, 16),
        };
    }

    static NiftiHeader DecodeNifti2(Fields r, string file)
    {
        if (!r.Raw(4, 8).SequenceEqual(Nifti2Magic))
            throw new InvalidInputException($"{file}: wrong magic \"{Printable(r.Raw(4, 8))}\" (expected \"n+2\" for NIfTI-2).");
        var dims = ReadDims(i => r.I64(16 + 8 * i), file);
        return new NiftiHeader
        {
            Format = NiftiFormat.Nifti2,
            BigEndian = r.BigEndian,
            Datatype = (NiftiDatatype)r.I16(12),
            Dims = dims,
            IntentP1 = r.F64(80), IntentP2 = r.F64(88), IntentP3 = r.F64(96),
            Pixdim = Enumerable.Range(0, 8).Select(i => r.F64(104 + 8 * i)).ToArray(),
            VoxOffset = VoxOffset(r.I64(168), Nifti2Size, file),
            SclSlope = r.F64(176), SclInter = r.F64(184),
            CalMax = r.F64(192), CalMin = r.F64(200), SliceDuration = r.F64(208), TOffset = r.F64(216),
            SliceStart = r.I64(224), SliceEnd = r.I64(232),
            Description = r.Text(240, 80), AuxFile = r.Text(320, 24),
            QformCode = ClampCode(r.I32(344)), SformCode = ClampCode(r.I32(348)),
            QuaternB = r.F64(352), QuaternC = r.F64(360), QuaternD = r.F64(368),
            QOffsetX = r.F64(376), QOffsetY = r.F64(384), QOffsetZ = r.F64(392),
            Srow = Enumerable.Range(0, 12).Select(i => r.F64(400 + 8 * i)).ToArray(),
            SliceCode = (byte)r.I32(496), XyztUnits = (byte)r.I32(500), IntentCode = (short)r.I32(504),
            IntentName = r.Text(508, 16), DimInfo = r.U8(524),
        };
    }

    static void EncodeNifti1(Fields w, NiftiHeader h)
    {
        w.PutI32(0, Nifti1Size);
        w.PutU8(38, (byte)'r'); // "regular", as nibabel writes
        w.PutU8(39, h.DimInfo);
        w.PutI16(40, (short)h.Dims.Length);
        for (int i = 0; i < 7; i++) w.PutI16(42 + 2 * i, (short)(i < h.Dims.Length ? h.Dims[i] : 1));
        w.PutF32(56, h.IntentP1); w.PutF32(60, h.IntentP2); w.PutF32(64, h.IntentP3);
        w.PutI16(68, h.IntentCode);
        w.PutI16(70, (short)h.Datatype);
        w.PutI16(72, (short)(8 * NiftiDatatypes.Size(h.Datatype)));
        w.PutI16(74, (short)h.SliceStart);
        for (int i = 0; i < 8; i++) w.PutF32(76 + 4 * i, h.Pixdim[i]);
        w.PutF32(108, Nifti1Size + 4);
        w.PutF32(112, h.SclSlope); w.PutF32(116, h.SclInter);
        w.PutI16(120, (short)h.SliceEnd); w.PutU8(122, h.SliceCode); w.PutU8(123, h.XyztUnits);
        w.PutF32(124, h.CalMax); w.PutF32(128, h.CalMin); w.PutF32(132, h.SliceDuration); w.PutF32(136, h.TOffset);
        w.PutText(148, 80, h.Description); w.PutText(228, 24, h.AuxFile);
        w.PutI16(252, h.QformCode); w.PutI16(254, h.SformCode);
        w.PutF32(256, h.QuaternB); w.PutF32(260, h.QuaternC); w.PutF32(264, h.QuaternD);
        w.PutF32(268, h.QOffsetX); w.PutF32(272, h.QOffsetY); w.PutF32(276, h.QOffsetZ);
        for (int i = 0; i < 12; i++) w.PutF32(280 + 4 * i, h.Srow[i]);
        w.PutText(328, 16, h.IntentName);
        w.PutText(344, 4, "n+1");
    }

    static void EncodeNifti2(Fields w, NiftiHeader h)
    {
        w.PutI32(0, Nifti2Size);
        Nifti2Magic.CopyTo(w.Bytes.Slice(4));
        w.PutI16(12, (short)h.Datatype);
        w.PutI16(14, (short)(8 * NiftiDatatypes.Size(h.Datatype)));
        w.PutI64(16, h.Dims.Length);
        for (int i = 0; i < 7; i++) w.PutI64(24 + 8 * i, i < h.Dims.Length ? h.Dims[i] : 1);
        w.PutF64(80, h.IntentP1); w.PutF64(88, h.IntentP2); w.PutF64(96, h.IntentP3);
        for (int i = 0; i < 8; i++) w.PutF64(104 + 8 * i, h.Pixdim[i]);
        w.PutI64(168, Nifti2Size + 4);
        w.PutF64(176, h.SclSlope); w.PutF64(184, h.SclInter);
        w.PutF64(192, h.CalMax); w.PutF64(200, h.CalMin); w.PutF64(208, h.SliceDuration); w.PutF64(216, h.TOffset);
        w.PutI64(224, h.SliceStart); w.PutI64(232, h.SliceEnd);
        w.PutText(240, 80, h.Description); w.PutText(320, 24, h.AuxFile);
        w.PutI32(344, h.QformCode); w.PutI32(348, h.SformCode);
        w.PutF64(352, h.QuaternB); w.PutF64(360, h.QuaternC); w.PutF64(368, h.QuaternD);
        w.PutF64(376, h.QOffsetX); w.PutF64(384, h.QOffsetY); w.PutF64(392, h.QOffsetZ);
        for (int i = 0; i < 12; i++) w.PutF64(400 + 8 * i, h.Srow[i]);
        w.PutI32(496, h.SliceCode); w.PutI32(500, h.XyztUnits); w.PutI32(504, h.IntentCode);
        w.PutText(508, 16, h.IntentName); w.PutU8(524, h.DimInfo);
    }

    static long[] ReadDims(Func<int, long> dim, string file)
    {
        long ndim = dim(0);
        if (ndim < 1 || ndim > 7)
            throw new InvalidInputException($"{file}: dim[0] = {ndim}, but the number of dimensions must be 1 to 7.");
        var dims = new long[ndim];
        for (int i = 0; i < ndim; i++)
        {
            dims[i] = dim(i + 1);
            if (dims[i] < 1)
                throw new InvalidInputException($"{file}: dim[{i + 1}] = {dims[i]}; every used dimension must be ≥ 1.");
        }
        return dims;
    }

    static long VoxOffset(double stored, int headerSize, string file)
    {
        // nibabel and nifti_io read single files with vox_offset 0 from just after the header and extension flag.
        if (stored == 0) return headerSize + 4;
        if (!double.IsFinite(stored) || stored < headerSize + 4 || stored != Math.Floor(stored) || stored > long.MaxValue / 2)
            throw new InvalidInputException($"{file}: vox_offset = {stored} is not a whole number ≥ {headerSize + 4}.");
        return (long)stored;
    }

    static void Check(NiftiHeader h, string file)
    {
        if (!NiftiDatatypes.IsSupported(h.Datatype))
        {
            string kind = h.Datatype switch
            {
                NiftiDatatype.Complex64 or NiftiDatatype.Complex128 or NiftiDatatype.Complex256 => "complex voxels are not supported",
                NiftiDatatype.Rgb24 or NiftiDatatype.Rgba32 => "RGB voxels are not supported",
                _ => "unsupported datatype",
            };
            throw new InvalidInputException(
                $"{file}: {kind} ({NiftiDatatypes.Name(h.Datatype)}, code {(short)h.Datatype}); use a real scalar type (uint8 … float64).");
        }
        try { _ = checked(h.VoxelCount * NiftiDatatypes.Size(h.Datatype)); }
        catch (OverflowException)
        {
            throw new InvalidInputException($"{file}: dimensions {string.Join("×", h.Dims)} describe more data than any file can hold.");
        }
        for (int i = 1; i <= 3; i++)
            if (!double.IsFinite(h.Pixdim[i]) || h.Pixdim[i] < 0)
                throw new InvalidInputException($"{file}: pixdim[{i}] = {h.Pixdim[i]}; voxel sizes must be finite and ≥ 0.");
        for (int i = 0; i < Math.Min(3, h.Dims.Length); i++)
            if (h.Dims[i] > int.MaxValue)
                throw new InvalidInputException($"{file}: dim[{i + 1}] = {h.Dims[i]} is too large for a spatial axis.");
        if (h.QformCode > 0)
        {
            double[] q = [h.QuaternB, h.QuaternC, h.QuaternD, h.QOffsetX, h.QOffsetY, h.QOffsetZ];
            if (q.Any(v => !double.IsFinite(v)))
                throw new InvalidInputException($"{file}: qform_code = {h.QformCode} but the quaternion or qoffset is not finite.");
            double norm2 = h.QuaternB * h.QuaternB + h.QuaternC * h.QuaternC + h.QuaternD * h.QuaternD;
            if (norm2 > 1 + 3 * 1.1920928955078125e-07)
                throw new InvalidInputException($"{file}: qform_code = {h.QformCode} but quatern_b/c/d = ({h.QuaternB}, {h.QuaternC}, {h.QuaternD}) is not a rotation (b² + c² + d² > 1).");
        }
        if (h.SformCode > 0 && h.Srow.Any(v => !double.IsFinite(v)))
            throw new InvalidInputException($"{file}: sform_code = {h.SformCode} but srow_x/y/z hold non-finite values.");
    }

    static InvalidInputException NotNifti(ReadOnlySpan<byte> bytes, string file)
    {
        if (bytes.Length == 0) return new InvalidInputException($"{file}: empty file.");
        if (bytes.Length < 4) return new InvalidInputException($"{file}: truncated header ({bytes.Length} bytes).");
        bool text = true;
        foreach (byte b in bytes[..Math.Min(bytes.Length, 64)])
            if (b < 9 || (b > 13 && b < 32 && b != 27)) { text = false; break; }
        return new InvalidInputException(text
            ? $"{file}: a text file, not a NIfTI image."
            : $"{file}: not a NIfTI image (sizeof_hdr is neither 348 nor 540 in either byte order).");
    }

    static short ClampCode(int code) => (short)Math.Clamp(code, short.MinValue, short.MaxValue);

    static string Printable(ReadOnlySpan<byte> raw)
    {
        var sb = new StringBuilder();
        foreach (byte b in raw) sb.Append(b is >= 32 and < 127 ? (char)b : '?');
        return sb.ToString();
    }

    /// <summary>Reads and writes fixed-offset fields in one byte order.</summary>
    readonly struct Fields(byte[] bytes, bool bigEndian)
    {
        public Span<byte> Bytes => bytes;
        public bool BigEndian { get; } = bigEndian;

        public ReadOnlySpan<byte> Raw(int at, int length) => Bytes.Slice(at, length);
        public byte U8(int at) => Bytes[at];
        public short I16(int at) => BigEndian ? BinaryPrimitives.ReadInt16BigEndian(Bytes[at..]) : BinaryPrimitives.ReadInt16LittleEndian(Bytes[at..]);
        public int I32(int at) => BigEndian ? BinaryPrimitives.ReadInt32BigEndian(Bytes[at..]) : BinaryPrimitives.ReadInt32LittleEndian(Bytes[at..]);
        public long I64(int at) => BigEndian ? BinaryPrimitives.ReadInt64BigEndian(Bytes[at..]) : BinaryPrimitives.ReadInt64LittleEndian(Bytes[at..]);
        public float F32(int at) => BigEndian ? BinaryPrimitives.ReadSingleBigEndian(Bytes[at..]) : BinaryPrimitives.ReadSingleLittleEndian(Bytes[at..]);
        public double F64(int at) => BigEndian ? BinaryPrimitives.ReadDoubleBigEndian(Bytes[at..]) : BinaryPrimitives.ReadDoubleLittleEndian(Bytes[at..]);

        public string Text(int at, int length)
        {
            var raw = Bytes.Slice(at, length);
            int end = raw.IndexOf((byte)0);
            return Encoding.Latin1.GetString(end < 0 ? raw : raw[..end]);
        }

        public void PutU8(int at, byte v) => Bytes[at] = v;
        public void PutI16(int at, short v) { if (BigEndian) BinaryPrimitives.WriteInt16BigEndian(Bytes[at..], v); else BinaryPrimitives.WriteInt16LittleEndian(Bytes[at..], v); }
        public void PutI32(int at, int v) { if (BigEndian) BinaryPrimitives.WriteInt32BigEndian(Bytes[at..], v); else BinaryPrimitives.WriteInt32LittleEndian(Bytes[at..], v); }
        public void PutI64(int at, long v) { if (BigEndian) BinaryPrimitives.WriteInt64BigEndian(Bytes[at..], v); else BinaryPrimitives.WriteInt64LittleEndian(Bytes[at..], v); }
        public void PutF32(int at, double v) { if (BigEndian) BinaryPrimitives.WriteSingleBigEndian(Bytes[at..], (float)v); else BinaryPrimitives.WriteSingleLittleEndian(Bytes[at..], (float)v); }
        public void PutF64(int at, double v) { if (BigEndian) BinaryPrimitives.WriteDoubleBigEndian(Bytes[at..], v); else BinaryPrimitives.WriteDoubleLittleEndian(Bytes[at..], v); }

        public void PutText(int at, int length, string text)
        {
            var encoded = Encoding.Latin1.GetBytes(text);
            encoded.AsSpan(0, Math.Min(encoded.Length, length - 1)).CopyTo(Bytes.Slice(at, length));
        }
    }
}
