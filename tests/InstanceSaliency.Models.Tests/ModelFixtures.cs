using System.Text.Json;
using InstanceSaliency.Imaging.Volumes;
using InstanceSaliency.Models.Checkpoints;
using InstanceSaliency.Models.Runtime;
using InstanceSaliency.TestSupport;

namespace InstanceSaliency.Models.Tests;

/// <summary>tests/fixtures/models, written by tools/reference/models_reference.py (PyTorch, float64).</summary>
static class ModelFixtures
{
    public static string Folder => Path.Combine(RepositoryPaths.Fixtures, "models");

    public static string File(string name) => Path.Combine(Folder, name);

    public static SegmentationModel Load(string name) => ModelLoader.Load(File(name), ComputeContext.Cpu);

    /// <summary>A float32 little-endian .bin array (C order) as written by write_bin.</summary>
    public static float[] ReadBin(string name)
    {
        var bytes = System.IO.File.ReadAllBytes(File(name));
        var values = new float[bytes.Length / 4];
        Buffer.BlockCopy(bytes, 0, values, 0, bytes.Length);
        return values;
    }

    public static JsonElement Expected(string caseName)
    {
        using var document = JsonDocument.Parse(System.IO.File.ReadAllText(File("expected.json")));
        return document.RootElement.GetProperty("cases").GetProperty(caseName).Clone();
    }

    /// <summary>synthetic_case of the reference script (see <see cref="SyntheticScan"/>).</summary>
    public static (Volume<float> Flair, Volume<float> T1) SyntheticCase(int ni, int nj, int nk) => SyntheticScan.Ellipsoid(ni, nj, nk);

    /// <summary>Value at (i, j, k) of an [i, j, k] C-order array of shape (ni, nj, nk), subsampled by step.</summary>
    public static double MaxAbsDifferenceSubsampled(Volume<float> actual, float[] expectedCOrder, int step)
    {
        int si = (actual.Shape.I + step - 1) / step, sj = (actual.Shape.J + step - 1) / step, sk = (actual.Shape.K + step - 1) / step;
        Assert.Equal((long)si * sj * sk, expectedCOrder.LongLength);
        double max = 0;
        for (int a = 0; a < si; a++)
            for (int b = 0; b < sj; b++)
                for (int c = 0; c < sk; c++)
                    max = Math.Max(max, Math.Abs(actual[a * step, b * step, c * step] - expectedCOrder[(a * sj + b) * sk + c]));
        return max;
    }
}
