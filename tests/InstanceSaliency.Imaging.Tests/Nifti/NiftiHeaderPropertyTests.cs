using System.Buffers.Binary;
using FsCheck.Xunit;
using InstanceSaliency.Imaging.Nifti;

namespace InstanceSaliency.Imaging.Tests.Nifti;

/// <summary>
/// FsCheck generates the header fields that decide allocation and layout (dimensions, datatype, vox_offset,
/// pixdim, scaling, codes, magic, byte order, file length); whatever they are, the reader returns an image or
/// refuses the file with a clean <see cref="InvalidInputException"/>.
/// </summary>
public sealed class NiftiHeaderPropertyTests
{
    [Property(MaxTest = 2000)]
    public void Random_nifti1_headers_read_or_refuse_cleanly(
        short ndim, short d1, short d2, short d3, short d4, short datatype, float voxOffset, float pixdim1,
        float slope, short qformCode, short sformCode, bool bigEndian, bool goodMagic, byte dataLength)
    {
        var bytes = new byte[348 + 4 + dataLength];
        Span<byte> s = bytes;
        void I16(int at, short v) { if (bigEndian) BinaryPrimitives.WriteInt16BigEndian(bytes.AsSpan(at), v); else BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(at), v); }
        void F32(int at, float v) { if (bigEndian) BinaryPrimitives.WriteSingleBigEndian(bytes.AsSpan(at), v); else BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(at), v); }
        if (bigEndian) BinaryPrimitives.WriteInt32BigEndian(s, 348); else BinaryPrimitives.WriteInt32LittleEndian(s, 348);
        I16(40, ndim); I16(42, d1); I16(44, d2); I16(46, d3); I16(48, d4);
        I16(70, datatype);
        F32(76, 1); F32(80, pixdim1); F32(84, 1); F32(88, 1);
        F32(108, voxOffset);
        F32(112, slope);
        I16(252, qformCode); I16(254, sformCode);
        (goodMagic ? "n+1\0"u8 : "n+2\0"u8).CopyTo(s[344..]);
        ReadOrRefuse(bytes);
    }

    [Property(MaxTest = 1000)]
    public void Random_nifti2_headers_read_or_refuse_cleanly(long ndim, long d1, long d2, long d3, short datatype, long voxOffset, double quaternB, double srow, byte dataLength)
    {
        var bytes = new byte[540 + 4 + dataLength];
        Span<byte> s = bytes;
        BinaryPrimitives.WriteInt32LittleEndian(s, 540);
        "n+2\0\r\n\u001a\n"u8.CopyTo(s[4..]);
        BinaryPrimitives.WriteInt16LittleEndian(s[12..], datatype);
        BinaryPrimitives.WriteInt64LittleEndian(s[16..], ndim);
        BinaryPrimitives.WriteInt64LittleEndian(s[24..], d1);
        BinaryPrimitives.WriteInt64LittleEndian(s[32..], d2);
        BinaryPrimitives.WriteInt64LittleEndian(s[40..], d3);
        BinaryPrimitives.WriteInt64LittleEndian(s[168..], voxOffset);
        BinaryPrimitives.WriteDoubleLittleEndian(s[352..], quaternB);
        BinaryPrimitives.WriteInt32LittleEndian(s[344..], 1);
        BinaryPrimitives.WriteInt32LittleEndian(s[348..], 2);
        BinaryPrimitives.WriteDoubleLittleEndian(s[400..], srow);
        ReadOrRefuse(bytes);
    }

    static void ReadOrRefuse(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        try
        {
            var image = NiftiFile.Read(stream, bytes.Length, "generated.nii");
            // A file that reads must also describe itself without failing (affine, orientation, summary).
            _ = NiftiInfo.Of(image);
        }
        catch (InvalidInputException e)
        {
            Assert.StartsWith("generated.nii: ", e.Message);
        }
    }
}
