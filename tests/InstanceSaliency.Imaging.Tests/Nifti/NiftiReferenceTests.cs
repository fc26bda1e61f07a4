using System.Text.Json;
using InstanceSaliency.Imaging.Nifti;
using InstanceSaliency.TestSupport;

namespace InstanceSaliency.Imaging.Tests.Nifti;

/// <summary>
/// `ies info` values against nibabel (tools/reference/nifti_reference.py → tests/fixtures/nifti/expected.json):
/// files nibabel wrote in every datatype and byte order, nibabel's own test images (big-endian int16, NIfTI-2,
/// 4D, CIFTI-2 with an extension) and the three real scans.
/// </summary>
public sealed class NiftiReferenceTests
{
    static readonly Lazy<Dictionary<string, JsonElement>> Expected = new(() =>
        JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(File.ReadAllText(Path.Combine(RepositoryPaths.Fixtures, "nifti", "expected.json")))!);

    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (string name in Expected.Value.Keys) data.Add(name);
        return data;
    }

    [Fact]
    public void Expected_values_cover_every_kind_of_file()
    {
        var keys = Expected.Value.Keys.ToList();
        Assert.Contains(keys, k => k.StartsWith("generated/") && k.Contains("_be"));
        Assert.Contains(keys, k => Expected.Value[k].GetProperty("format").GetString() == "nifti2");
        Assert.Contains(keys, k => Expected.Value[k].GetProperty("dims").GetArrayLength() == 4);
        Assert.Equal(9, keys.Count(k => k.StartsWith("../shared/")));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Info_equals_nibabel(string name)
    {
        var expected = Expected.Value[name];
        string path = name.StartsWith("../") ? Path.GetFullPath(Path.Combine(RepositoryPaths.Root, name)) : Path.Combine(RepositoryPaths.Fixtures, "nifti", name);
        Assert.True(File.Exists(path), $"missing test file {path}");
        var image = NiftiFile.Read(path);
        var info = NiftiInfo.Of(image);

        Assert.Equal(expected.GetProperty("format").GetString(), info.Format);
        Assert.Equal(expected.GetProperty("datatype").GetString(), info.Datatype);
        Assert.Equal(expected.GetProperty("byte_order").GetString(), info.ByteOrder);
        Assert.Equal(Longs(expected.GetProperty("dims")), info.Dims);
        AssertClose(Doubles(expected.GetProperty("pixdim")), info.Pixdim, 1e-6);
        AssertNullableClose(Nullable(expected.GetProperty("scl_slope")), info.SclSlope, 1e-7);
        AssertNullableClose(Nullable(expected.GetProperty("scl_inter")), info.SclInter, 1e-7);
        Assert.Equal(expected.GetProperty("qform_code").GetInt32(), info.QformCode);
        Assert.Equal(expected.GetProperty("sform_code").GetInt32(), info.SformCode);
        Assert.Equal(expected.GetProperty("affine_source").GetString(), info.AffineSource);
        Assert.Equal(expected.GetProperty("orientation").GetString(), info.Orientation);
        var affine = expected.GetProperty("affine").EnumerateArray().Select(Doubles).ToArray();
        for (int r = 0; r < 4; r++) AssertClose(affine[r], info.Affine[r], 1e-5);
        AssertNullableClose(Nullable(expected.GetProperty("min")), info.Min, 1e-6);
        AssertNullableClose(Nullable(expected.GetProperty("max")), info.Max, 1e-6);
        AssertNullableClose(Nullable(expected.GetProperty("mean")), info.Mean, 1e-6);
        Assert.Equal(expected.GetProperty("nonzero").GetInt64(), info.Nonzero);

        // Voxel order and scaling: the first voxels in storage order and the sum of all of them.
        var first = expected.GetProperty("first_voxels").EnumerateArray().Select(Nullable).ToArray();
        var values = FirstScaled(image, first.Length);
        for (int n = 0; n < first.Length; n++)
            AssertNullableClose(first[n], double.IsNaN(values[n]) ? null : values[n], 1e-6);
        double sum = 0;
        for (int frame = 0; frame < image.FrameCount; frame++)
            foreach (float v in image.ToFloatVolume(frame).Voxels)
                if (!float.IsNaN(v)) sum += v;
        AssertNullableClose(expected.GetProperty("sum").GetDouble(), sum, 1e-5);
    }

    static double[] FirstScaled(NiftiImage image, int count)
    {
        var values = new List<double>();
        for (int frame = 0; frame < image.FrameCount && values.Count < count; frame++)
            values.AddRange(image.ToFloatVolume(frame).Voxels.Take(count - values.Count).Select(v => (double)v));
        return values.ToArray();
    }

    static long[] Longs(JsonElement e) => e.EnumerateArray().Select(x => x.GetInt64()).ToArray();
    static double[] Doubles(JsonElement e) => e.EnumerateArray().Select(x => x.GetDouble()).ToArray();
    static double? Nullable(JsonElement e) => e.ValueKind == JsonValueKind.Null ? null : e.GetDouble();

    static void AssertClose(double[] expected, double[] actual, double relative)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int n = 0; n < expected.Length; n++) AssertNullableClose(expected[n], actual[n], relative);
    }

    static void AssertNullableClose(double? expected, double? actual, double relative)
    {
        if (expected is null) { Assert.Null(actual); return; }
        Assert.NotNull(actual);
        double tolerance = relative * Math.Max(1, Math.Abs(expected.Value));
        Assert.True(Math.Abs(expected.Value - actual!.Value) <= tolerance, $"expected {expected:R}, got {actual:R} (tolerance {tolerance:G3})");
    }
}
