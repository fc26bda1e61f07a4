using System.Text.Json;
using InstanceSaliency.Imaging.Geometry;
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

    /// <summary>
    /// synthetic_case of the reference script: FLAIR and T1 on an identity-affine grid, zero outside an
    /// ellipsoid; integer formulas, so both languages get identical voxels.
    /// </summary>
    public static (Volume<float> Flair, Volume<float> T1) SyntheticCase(int ni, int nj, int nk)
    {
        var shape = new GridShape(ni, nj, nk);
        var geometry = ImageGeometry.FromAffine(shape, Affine.Identity);
        var flair = Volume<float>.Zeros(geometry);
        var t1 = Volume<float>.Zeros(geometry);
        long I = ni, J = nj, K = nk;
        for (long k = 0; k < K; k++)
            for (long j = 0; j < J; j++)
                for (long i = 0; i < I; i++)
                {
                    long a = 2 * i - I + 1, b = 2 * j - J + 1, c = 2 * k - K + 1;
                    bool inside = 100 * (a * a * J * J * K * K + b * b * I * I * K * K + c * c * I * I * J * J) <= 81 * I * I * J * J * K * K;
                    if (!inside) continue;
                    flair[(int)i, (int)j, (int)k] = ((i * 7 + j * j * 3 + k * 11 + i * k) % 29) * 0.25f + 1f;
                    t1[(int)i, (int)j, (int)k] = ((i * i * 5 + j * 13 + k * k * 2 + j * k) % 31) * 0.5f;
                }
        return (flair, t1);
    }

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
