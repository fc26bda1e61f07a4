using System.Text.Json;
using InstanceSaliency.Imaging.Geometry;
using InstanceSaliency.Imaging.Volumes;
using InstanceSaliency.TestSupport;

namespace InstanceSaliency.Imaging.Tests.Resampling;

/// <summary>One case of tests/fixtures/resampling (tools/reference/resampling_reference.py): nibabel + scipy values.</summary>
sealed class ResamplingFixture
{
    readonly JsonElement _root;

    ResamplingFixture(JsonElement root) => _root = root;

    public static ResamplingFixture Load(string name) =>
        new(JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Fixtures, "resampling", name + ".json"))).RootElement);

    public JsonElement this[string property] => _root.GetProperty(property);

    public bool Has(string property) => _root.TryGetProperty(property, out _);

    public static ImageGeometry Geometry(JsonElement grid) => Geometry(grid.GetProperty("shape"), grid.GetProperty("affine"));

    public static ImageGeometry Geometry(JsonElement shape, JsonElement affine)
    {
        var n = shape.EnumerateArray().Select(e => e.GetInt32()).ToArray();
        var rows = affine.EnumerateArray().SelectMany(r => r.EnumerateArray().Select(e => e.GetDouble())).ToArray();
        return ImageGeometry.FromAffine(new GridShape(n[0], n[1], n[2]), Affine.FromRowMajor(rows));
    }

    public static double[] Doubles(JsonElement values) => values.EnumerateArray().Select(e => e.GetDouble()).ToArray();

    public static float[] Floats(JsonElement values) => values.EnumerateArray().Select(e => (float)e.GetDouble()).ToArray();

    public Volume<float> Source(string values = "values") => new(Floats(this["source"].GetProperty(values)), Geometry(this["source"]));

    public ImageGeometry Target => Geometry(this["target"]);
}
