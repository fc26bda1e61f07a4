using System.Text.Json;
using InstanceSaliency.Saliency.Execution;
using InstanceSaliency.Saliency.Methods;
using InstanceSaliency.Saliency.Targets;
using InstanceSaliency.TestSupport;
using static TorchSharp.torch;

namespace InstanceSaliency.Saliency.Tests.Methods;

/// <summary>
/// Maps against an independent float64 PyTorch autograd implementation (tools/reference/saliency_reference.py):
/// SmoothGrad average and max with N = 1 and no noise within 1e-4 relative L2, Grad-CAM++ within 1e-3.
/// </summary>
public sealed class ReferenceMapTests
{
    static readonly JsonElement Expected = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Fixtures, "saliency", "expected.json"))).RootElement;

    [Theory]
    [InlineData("smoothgrad", 1e-4)]
    [InlineData("smoothgrad-max", 1e-4)]
    [InlineData("gradcampp-local", 1e-3)]
    [InlineData("gradcampp-global", 1e-3)]
    public void Map_equals_pytorch_float64_reference(string method, double tolerance)
    {
        var model = SaliencyFixtures.ReferenceModel();
        using var input = SaliencyFixtures.Input(model, 30, 28, 26);
        var omega = Expected.GetProperty("omega_padded").EnumerateArray()
            .Select(v => (v[0].GetInt32(), v[1].GetInt32(), v[2].GetInt32())).ToList();
        var target = new InstanceTarget(1, omega);
        var grid = (input.Padded.shape[2], input.Padded.shape[3], input.Padded.shape[4]);
        var noNoise = new SmoothGradOptions { Samples = 1, NoiseFractionOfFlairRange = 0 };
        IAttributionMethod attribution = method switch
        {
            "smoothgrad" => SmoothGrad.Of(Aggregation.Average, noNoise, input.FlairRange, grid),
            "smoothgrad-max" => SmoothGrad.Of(Aggregation.Max, noNoise, input.FlairRange, grid),
            "gradcampp-local" => new GradCamPlusPlus(GradCamPlusPlus.DefaultLayer, CamWeighting.Local),
            _ => new GradCamPlusPlus(GradCamPlusPlus.DefaultLayer, CamWeighting.Global),
        };

        using var scope = NewDisposeScope();
        var map = new FullVolumeStrategy().Run(model, attribution, input, target);
        var spec = Expected.GetProperty("maps").GetProperty(method);
        var shape = spec.GetProperty("shape").EnumerateArray().Select(e => e.GetInt64()).ToArray();
        var expected = tensor(ReadFloats(spec.GetProperty("file").GetString()!), shape);
        var actual = shape.Length == 3 ? map[0] : map;

        Assert.Equal(shape, actual.shape);
        Assert.True(expected.abs().sum().item<float>() > 0, "the reference map is all zeros");
        double error = SaliencyFixtures.RelativeL2(actual, expected);
        Assert.True(error <= tolerance, $"{method}: relative L2 error {error:E2} > {tolerance:E0}");
    }

    static float[] ReadFloats(string file)
    {
        var bytes = File.ReadAllBytes(Path.Combine(RepositoryPaths.Fixtures, "saliency", file));
        var values = new float[bytes.Length / 4];
        Buffer.BlockCopy(bytes, 0, values, 0, bytes.Length);
        return values;
    }
}
