namespace InstanceSaliency.Imaging.Nifti;

/// <summary>NIfTI datatype codes (nifti1.h). Only the real scalar types can be read; the others exist to name them in errors.</summary>
public enum NiftiDatatype : short
{
    Binary = 1,
    UInt8 = 2,
    Int16 = 4,
    Int32 = 8,
    Float32 = 16,
    Complex64 = 32,
    Float64 = 64,
    Rgb24 = 128,
    Int8 = 256,
    UInt16 = 512,
    UInt32 = 768,
    Int64 = 1024,
    UInt64 = 1280,
    Float128 = 1536,
    Complex128 = 1792,
    Complex256 = 2048,
    Rgba32 = 2304,
}

/// <summary>Sizes and names of <see cref="NiftiDatatype"/> values.</summary>
public static class NiftiDatatypes
{
    /// <summary>True for the datatypes this reader and writer support (real scalars, 8 to 64 bits).</summary>
    public static bool IsSupported(NiftiDatatype type) => type switch
    {
        NiftiDatatype.UInt8 or NiftiDatatype.Int8 or NiftiDatatype.Int16 or NiftiDatatype.UInt16
            or NiftiDatatype.Int32 or NiftiDatatype.UInt32 or NiftiDatatype.Int64 or NiftiDatatype.UInt64
            or NiftiDatatype.Float32 or NiftiDatatype.Float64 => true,
        _ => false,
    };

    /// <summary>Bytes per voxel of a supported datatype.</summary>
    public static int Size(NiftiDatatype type) => type switch
    {
        NiftiDatatype.UInt8 or NiftiDatatype.Int8 => 1,
        NiftiDatatype.Int16 or NiftiDatatype.UInt16 => 2,
        NiftiDatatype.Int32 or NiftiDatatype.UInt32 or NiftiDatatype.Float32 => 4,
        NiftiDatatype.Int64 or NiftiDatatype.UInt64 or NiftiDatatype.Float64 => 8,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Not a supported NIfTI datatype."),
    };

    /// <summary>The numpy-style name ("uint8", "int16", "float32", ...), as `ies info` reports it.</summary>
    public static string Name(NiftiDatatype type) => type switch
    {
        NiftiDatatype.Binary => "bool",
        NiftiDatatype.UInt8 => "uint8",
        NiftiDatatype.Int8 => "int8",
        NiftiDatatype.Int16 => "int16",
        NiftiDatatype.UInt16 => "uint16",
        NiftiDatatype.Int32 => "int32",
        NiftiDatatype.UInt32 => "uint32",
        NiftiDatatype.Int64 => "int64",
        NiftiDatatype.UInt64 => "uint64",
        NiftiDatatype.Float32 => "float32",
        NiftiDatatype.Float64 => "float64",
        NiftiDatatype.Float128 => "float128",
        NiftiDatatype.Complex64 => "complex64",
        NiftiDatatype.Complex128 => "complex128",
        NiftiDatatype.Complex256 => "complex256",
        NiftiDatatype.Rgb24 => "RGB",
        NiftiDatatype.Rgba32 => "RGBA",
        _ => $"code {(short)type}",
    };

    /// <summary>The datatype that stores voxels of the .NET type <typeparamref name="T"/>.</summary>
    public static NiftiDatatype Of<T>() where T : unmanaged => default(T) switch
    {
        byte => NiftiDatatype.UInt8,
        sbyte => NiftiDatatype.Int8,
        short => NiftiDatatype.Int16,
        ushort => NiftiDatatype.UInt16,
        int => NiftiDatatype.Int32,
        uint => NiftiDatatype.UInt32,
        long => NiftiDatatype.Int64,
        ulong => NiftiDatatype.UInt64,
        float => NiftiDatatype.Float32,
        double => NiftiDatatype.Float64,
        _ => throw new NotSupportedException($"No NIfTI datatype stores {typeof(T).Name} voxels."),
    };
}
