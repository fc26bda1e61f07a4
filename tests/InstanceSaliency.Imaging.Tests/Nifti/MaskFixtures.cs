using System.Text.Json;
using InstanceSaliency.TestSupport;

namespace InstanceSaliency.Imaging.Tests.Nifti;

/// <summary>
/// tests/fixtures/masks: small masks written by nibabel and the values the mask rule must give for them and for the
/// real masks of ../shared (tools/reference/mask_reference.py).
/// </summary>
static class MaskFixtures
{
    static readonly JsonElement Root = Load();

    public static IEnumerable<JsonElement> Files() => Root.GetProperty("files").EnumerateArray();

    public static JsonElement File(string name) => Files().Single(f => f.GetProperty("file").GetString() == name);

    public static IEnumerable<JsonElement> Real() => Root.GetProperty("real").EnumerateArray();

    public static string Path(JsonElement entry) =>
        System.IO.Path.Combine(RepositoryPaths.Fixtures, "masks", entry.GetProperty("file").GetString()!);

    public static string SharedPath(JsonElement entry) =>
        System.IO.Path.GetFullPath(System.IO.Path.Combine(RepositoryPaths.Root, "..", "shared", "data", entry.GetProperty("file").GetString()!));

    static JsonElement Load()
    {
        using var stream = System.IO.File.OpenRead(System.IO.Path.Combine(RepositoryPaths.Fixtures, "masks", "expected.json"));
        return JsonDocument.Parse(stream).RootElement.Clone();
    }
}
