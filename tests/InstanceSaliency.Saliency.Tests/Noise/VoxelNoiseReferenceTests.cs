using System.Text.Json;
using InstanceSaliency.Saliency.Noise;
using InstanceSaliency.Saliency.Targets;
using InstanceSaliency.TestSupport;
using static TorchSharp.torch;

namespace InstanceSaliency.Saliency.Tests.Noise;

/// <summary>
/// SmoothGrad's noise is the documented per-voxel noise (SplitMix64 + Box–Muller, VoxelNoise's docs): equal, value
/// for value, to an independent implementation of that documentation (tools/reference/voxel_noise_reference.py →
/// tests/fixtures/saliency/voxel_noise.json), on both channels, several samples and two seeds.
/// </summary>
public sealed class VoxelNoiseReferenceTests
{
    [Fact]
    public void Noise_equals_the_reference_implementation_of_its_definition()
    {
        using var stream = File.OpenRead(Path.Combine(RepositoryPaths.Fixtures, "saliency", "voxel_noise.json"));
        using var json = JsonDocument.Parse(stream);
        var g = json.RootElement.GetProperty("grid").EnumerateArray().Select(e => e.GetInt32()).ToArray();
        var points = json.RootElement.GetProperty("points").EnumerateArray().Select(p => p.EnumerateArray().Select(e => e.GetDouble()).ToArray()).ToArray();
        var whole = VoxelBox.Whole(g[0], g[1], g[2]);
        var samples = new Dictionary<(long Seed, int Sample), float[]>();
        int compared = 0;
        foreach (var p in points)
        {
            var key = ((long)p[0], (int)p[1]);
            if (!samples.TryGetValue(key, out var values))
            {
                using var scope = NewDisposeScope();
                samples[key] = values = new VoxelNoise(key.Item1, (g[0], g[1], g[2])).Sample(key.Item2, 2, whole, CPU).data<float>().ToArray();
            }
            var (c, i, j, k) = ((int)p[2], (int)p[3], (int)p[4], (int)p[5]);
            float actual = values[((c * g[0] + i) * g[1] + j) * g[2] + k];
            Assert.True((float)p[6] == actual, $"seed {key.Item1} sample {key.Item2} channel {c} voxel ({i}, {j}, {k}): expected {(float)p[6]:R}, got {actual:R}");
            compared++;
        }
        Assert.Equal(1232, compared);
    }
}
