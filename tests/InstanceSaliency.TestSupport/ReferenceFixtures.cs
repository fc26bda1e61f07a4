using Xunit;
using System.Buffers.Binary;
using System.Text.Json;
using InstanceSaliency.Imaging.Geometry;
using InstanceSaliency.Imaging.Volumes;

namespace InstanceSaliency.TestSupport;

/// <summary>
/// Reads tests/fixtures/lesions/*.json written by tools/reference/lesions_reference.py (scipy.ndimage). Buffers are
/// in NIfTI storage order (numpy Fortran order): masks packed 8 voxels a byte, least significant bit first;
/// labels little-endian uint16; distances little-endian float64.
/// </summary>
public static class ReferenceFixtures
{
    public static JsonElement Cases(string file)
    {
        using var stream = File.OpenRead(Path.Combine(RepositoryPaths.Fixtures, "lesions", file));
        return JsonDocument.Parse(stream).RootElement.GetProperty("cases").Clone();
    }

    public static GridShape Shape(JsonElement c)
    {
        var s = c.GetProperty("shape");
        return new GridShape(s[0].GetInt32(), s[1].GetInt32(), s[2].GetInt32());
    }

    public static Volume<byte> Mask(JsonElement packed, ImageGeometry geometry)
    {
        var bytes = Convert.FromBase64String(packed.GetString()!);
        var voxels = new byte[geometry.Shape.VoxelCount];
        for (int n = 0; n < voxels.Length; n++) voxels[n] = (byte)((bytes[n >> 3] >> (n & 7)) & 1);
        return new Volume<byte>(voxels, geometry);
    }

    public static int[] UInt16(JsonElement encoded)
    {
        var bytes = Convert.FromBase64String(encoded.GetString()!);
        var values = new int[bytes.Length / 2];
        for (int n = 0; n < values.Length; n++) values[n] = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(2 * n));
        return values;
    }

    public static double[] Float64(JsonElement encoded)
    {
        var bytes = Convert.FromBase64String(encoded.GetString()!);
        var values = new double[bytes.Length / 8];
        for (int n = 0; n < values.Length; n++) values[n] = BinaryPrimitives.ReadDoubleLittleEndian(bytes.AsSpan(8 * n));
        return values;
    }

    public static TheoryData<string> Names(string file)
    {
        var data = new TheoryData<string>();
        foreach (var c in Cases(file).EnumerateArray()) data.Add(c.GetProperty("name").GetString()!);
        return data;
    }

    public static JsonElement Case(string file, string name) =>
        Cases(file).EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);
}
