using Xunit.Abstractions;
using InstanceSaliency.Models.Inference;
using InstanceSaliency.Models.Networks;
using TorchSharp;
using static TorchSharp.torch;

namespace InstanceSaliency.Models.Tests.Networks;

public class MonaiUNetTests(ITestOutputHelper output)
{
    [Fact]
    public void Paper_unet_has_MONAI_state_dict_keys()
    {
        using var net = new MonaiUNet(UNetSettings.Paper);
        var keys = net.state_dict().Keys.ToHashSet();
        foreach (var key in new[]
                 {
                     "model.0.conv.weight", "model.0.conv.bias", "model.0.adn.N.weight", "model.0.adn.N.running_mean",
                     "model.0.adn.N.running_var", "model.0.adn.A.weight", "model.1.submodule.0.conv.weight",
                     "model.1.submodule.1.submodule.1.submodule.1.submodule.conv.weight", // bottom layer
                     "model.1.submodule.2.conv.weight", "model.1.submodule.2.adn.N.running_mean", "model.2.conv.weight", "model.2.conv.bias",
                 })
            Assert.Contains(key, keys);
        Assert.DoesNotContain(keys, k => k.StartsWith("model.2.adn", StringComparison.Ordinal)); // top up layer is the bare transposed conv
        long parameters = net.parameters().Sum(p => p.numel());
        Assert.InRange(parameters, 7_900_000, 7_950_000); // platform-notes.md: 7.92 M
    }

    [Fact]
    public void Cam_layer_is_a_named_module_taking_forward_hooks()
    {
        using var net = new MonaiUNet(new UNetSettings { Channels = [2, 4, 8, 16, 32] });
        var layer = net.named_modules().Single(m => m.name == "model.1.submodule.2.conv").module;
        int calls = 0;
        var hook = ((nn.Module<Tensor, Tensor>)layer).register_forward_hook((_, _, output) => { calls++; return output; });
        try
        {
            using var scope = NewDisposeScope();
            net.eval();
            net.call(zeros([1, 2, 16, 16, 16]));
        }
        finally { hook.remove(); }
        Assert.Equal(1, calls);
    }

    [Fact]
    public void Small_unet_logits_match_pytorch_float64_reference()
    {
        using var model = ModelFixtures.Load("unet_small.pt");
        var (flair, t1) = ModelFixtures.SyntheticCase(30, 28, 26);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var input = NetworkLayout.ToInput([Normalised(flair.Voxels), Normalised(t1.Voxels)], flair.Shape, CPU);
        var padded = DivisiblePadding.For(input.shape[2..], 16).Pad(input);
        Assert.Equal(new long[] { 1, 2, 32, 32, 32 }, padded.shape);
        var logits = model.Network.call(padded)[0].contiguous().data<float>().ToArray();
        double error = MaxAbs(logits, ModelFixtures.ReadBin("logits_small_32.bin"));
        output.WriteLine($"max |Δlogit| = {error:E2}");
        Assert.True(error < 1e-4, $"max |Δlogit| = {error:E2}");
    }

    [Theory]
    [InlineData("unet_res2_batch")]
    [InlineData("unet_res1_instance")]
    [InlineData("unet_res0_instance")]
    [InlineData("tiny")]
    public void Variant_logits_match_pytorch_float64_reference(string name)
    {
        using var model = ModelFixtures.Load(name + ".pt");
        double error = LogitError16(model, $"logits_{name}_16.bin");
        output.WriteLine($"{name}: max |Δlogit| = {error:E2}");
        Assert.True(error < 1e-4, $"{name}: max |Δlogit| = {error:E2}");
    }

    internal static double LogitError16(InstanceSaliency.Models.Checkpoints.SegmentationModel model, string expected)
    {
        var (flair, t1) = ModelFixtures.SyntheticCase(16, 16, 16);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var input = NetworkLayout.ToInput([Normalised(flair.Voxels), Normalised(t1.Voxels)], flair.Shape, CPU);
        var logits = model.Network.call(input)[0].contiguous().data<float>().ToArray();
        return MaxAbs(logits, ModelFixtures.ReadBin(expected));
    }

    static float[] Normalised(float[] voxels) => IntensityNormalisation.NonzeroZScore(voxels).Normalised;

    internal static double MaxAbs(float[] a, float[] b)
    {
        Assert.Equal(b.Length, a.Length);
        double max = 0;
        for (int n = 0; n < a.Length; n++) max = Math.Max(max, Math.Abs((double)a[n] - b[n]));
        return max;
    }
}
