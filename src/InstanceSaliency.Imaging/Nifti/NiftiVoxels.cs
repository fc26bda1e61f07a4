using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.InteropServices;

namespace InstanceSaliency.Imaging.Nifti;

/// <summary>Typed voxel arrays of every supported datatype: allocation, byte-order swapping, scaling, summaries.</summary>
static class NiftiVoxels
{
    public static Type ElementType(NiftiDatatype type) => type switch
    {
        NiftiDatatype.UInt8 => typeof(byte),
        NiftiDatatype.Int8 => typeof(sbyte),
        NiftiDatatype.Int16 => typeof(short),
        NiftiDatatype.UInt16 => typeof(ushort),
        NiftiDatatype.Int32 => typeof(int),
        NiftiDatatype.UInt32 => typeof(uint),
        NiftiDatatype.Int64 => typeof(long),
        NiftiDatatype.UInt64 => typeof(ulong),
        NiftiDatatype.Float32 => typeof(float),
        NiftiDatatype.Float64 => typeof(double),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Not a supported NIfTI datatype."),
    };

    public static Array Allocate(NiftiDatatype type, int count) => Array.CreateInstance(ElementType(type), count);

    /// <summary>The array's memory as bytes (host order).</summary>
    public static Span<byte> Bytes(Array voxels) => voxels switch
    {
        byte[] a => a, sbyte[] a => MemoryMarshal.AsBytes(a.AsSpan()),
        short[] a => MemoryMarshal.AsBytes(a.AsSpan()), ushort[] a => MemoryMarshal.AsBytes(a.AsSpan()),
        int[] a => MemoryMarshal.AsBytes(a.AsSpan()), uint[] a => MemoryMarshal.AsBytes(a.AsSpan()),
        long[] a => MemoryMarshal.AsBytes(a.AsSpan()), ulong[] a => MemoryMarshal.AsBytes(a.AsSpan()),
        float[] a => MemoryMarshal.AsBytes(a.AsSpan()), double[] a => MemoryMarshal.AsBytes(a.AsSpan()),
        _ => throw new ArgumentException($"Unsupported voxel array {voxels.GetType().Name}."),
    };

    /// <summary>Reverses the byte order of each element of <paramref name="bytes"/> in place.</summary>
    public static void SwapBytes(Span<byte> bytes, int elementSize)
    {
        switch (elementSize)
        {
            case 1: break;
            case 2: BinaryPrimitives.ReverseEndianness(MemoryMarshal.Cast<byte, ushort>(bytes), MemoryMarshal.Cast<byte, ushort>(bytes)); break;
            case 4: BinaryPrimitives.ReverseEndianness(MemoryMarshal.Cast<byte, uint>(bytes), MemoryMarshal.Cast<byte, uint>(bytes)); break;
            case 8: BinaryPrimitives.ReverseEndianness(MemoryMarshal.Cast<byte, ulong>(bytes), MemoryMarshal.Cast<byte, ulong>(bytes)); break;
            default: throw new ArgumentOutOfRangeException(nameof(elementSize));
        }
    }

    /// <summary>Writes value·slope + inter of <c>output.Length</c> voxels starting at <paramref name="offset"/> as float32.</summary>
    public static void ToSingle(Array voxels, long offset, Span<float> output, double slope, double inter)
    {
        // Dispatch on the exact element type: the runtime lets an sbyte[] pass as byte[] (and short[] as ushort[],
        // and so on), so type patterns on arrays would silently read signed data as unsigned.
        switch (Type.GetTypeCode(voxels.GetType().GetElementType()))
        {
            case TypeCode.Single when slope == 1 && inter == 0: ((float[])voxels).AsSpan((int)offset, output.Length).CopyTo(output); break;
            case TypeCode.Byte: Convert((byte[])voxels, offset, output, slope, inter); break;
            case TypeCode.SByte: Convert((sbyte[])voxels, offset, output, slope, inter); break;
            case TypeCode.Int16: Convert((short[])voxels, offset, output, slope, inter); break;
            case TypeCode.UInt16: Convert((ushort[])voxels, offset, output, slope, inter); break;
            case TypeCode.Int32: Convert((int[])voxels, offset, output, slope, inter); break;
            case TypeCode.UInt32: Convert((uint[])voxels, offset, output, slope, inter); break;
            case TypeCode.Int64: Convert((long[])voxels, offset, output, slope, inter); break;
            case TypeCode.UInt64: Convert((ulong[])voxels, offset, output, slope, inter); break;
            case TypeCode.Single: Convert((float[])voxels, offset, output, slope, inter); break;
            case TypeCode.Double: Convert((double[])voxels, offset, output, slope, inter); break;
            default: throw new ArgumentException($"Unsupported voxel array {voxels.GetType().Name}.");
        }
    }

    public static IntensitySummary Summarise(Array voxels, (double Slope, double Inter) scaling) =>
        Type.GetTypeCode(voxels.GetType().GetElementType()) switch
        {
            TypeCode.Byte => Summarise((byte[])voxels, scaling), TypeCode.SByte => Summarise((sbyte[])voxels, scaling),
            TypeCode.Int16 => Summarise((short[])voxels, scaling), TypeCode.UInt16 => Summarise((ushort[])voxels, scaling),
            TypeCode.Int32 => Summarise((int[])voxels, scaling), TypeCode.UInt32 => Summarise((uint[])voxels, scaling),
            TypeCode.Int64 => Summarise((long[])voxels, scaling), TypeCode.UInt64 => Summarise((ulong[])voxels, scaling),
            TypeCode.Single => Summarise((float[])voxels, scaling), TypeCode.Double => Summarise((double[])voxels, scaling),
            _ => throw new ArgumentException($"Unsupported voxel array {voxels.GetType().Name}."),
        };

    static void Convert<T>(T[] source, long offset, Span<float> output, double slope, double inter) where T : unmanaged, INumberBase<T>
    {
        var input = source.AsSpan((int)offset, output.Length);
        for (int n = 0; n < output.Length; n++)
            output[n] = (float)(double.CreateTruncating(input[n]) * slope + inter);
    }

    static IntensitySummary Summarise<T>(T[] voxels, (double Slope, double Inter) scaling) where T : unmanaged, INumberBase<T>
    {
        double min = double.PositiveInfinity, max = double.NegativeInfinity, sum = 0;
        long counted = 0, nonZero = 0;
        foreach (T raw in voxels)
        {
            double v = double.CreateTruncating(raw) * scaling.Slope + scaling.Inter;
            if (v != 0) nonZero++;
            if (double.IsNaN(v)) continue;
            if (v < min) min = v;
            if (v > max) max = v;
            sum += v;
            counted++;
        }
        return counted == 0
            ? new IntensitySummary(double.NaN, double.NaN, double.NaN, nonZero)
            : new IntensitySummary(min, max, sum / counted, nonZero);
    }
}
