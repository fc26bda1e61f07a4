using InstanceSaliency.Pipeline.Scans;
using InstanceSaliency.Pipeline.Experiments;
using InstanceSaliency.Pipeline.Experiments.Sanity;
using InstanceSaliency.Analysis.Statistics;
using InstanceSaliency.Imaging;
using InstanceSaliency.Lesions;
using InstanceSaliency.Models.Checkpoints;
using InstanceSaliency.Models.Runtime;
using InstanceSaliency.Saliency;
using InstanceSaliency.TestSupport;
using static TorchSharp.torch;

namespace InstanceSaliency.Pipeline.Tests.Experiments;

/// <summary>Cascading randomisation on a small U-Net and a synthetic scan.</summary>
[Collection(TorchCollection.Name)]
public sealed class SanityExperimentTests : IDisposable
{
    readonly TemporaryDirectory _folder = new();
    readonly ScanPaths _paths;

    public SanityExperimentTests()
    {
        var (flair, t1) = SyntheticScan.Ellipsoid(40, 36, 30);
        _paths = ExperimentFixtures.Write(_folder, flair, t1, null);
    }

    public void Dispose() => _folder.Dispose();

    (SanityResult Result, SegmentationModel Model) Run(SanityOptions options, int modelSeed = 3)
    {
        var model = ExperimentFixtures.ShallowModel(modelSeed);
        var loaded = ExperimentScan.Load(_paths, model, ComputeContext.Cpu, null, 6);
        var scan = loaded with { Lesions = LesionAnalysis.Run(ExperimentFixtures.Block(loaded.Flair.Geometry, 18, 16, 14), null) };
        return (new SanityExperiment(model, ComputeContext.Cpu, options).Run(scan), model);
    }

    static readonly SanityOptions Small = new() { SmoothGrad = new SmoothGradOptions { Samples = 2, Seed = 5 }, Seed = 9 };

    [Fact]
    public void Correlation_is_one_for_the_trained_model_and_falls_as_layers_are_randomised()
    {
        var (result, model) = Run(Small);
        using var _ = model;
        Assert.Equal(7, result.Layers.Count); // 4 levels: 3 down, bottom, 3 up blocks
        foreach (string method in result.Methods)
        {
            Assert.Equal(1.0, result.Summary(0, method).Median, 12);
            Assert.Equal(1.0, result.Summary(0, method, near: true).Median, 12);
            Assert.True(result.Summary(result.Layers.Count, method, near: true).Median < 0.95, $"{method}: near-lesion rho did not fall");
            // Both maps keep the receptive field's spatial fall-off, so ρ of |M| stays well above 0 even for two
            // random networks; what must hold is that it falls clearly below 1.
            double last = result.Summary(result.Layers.Count, method).Median;
            Assert.True(last < 0.9, $"{method}: median rho after randomising every block is {last}");
        }
        Assert.Equal(8 * 2, result.Correlations.Count); // steps 0..7, two methods, one lesion
    }

    [Fact]
    public void Same_seed_gives_the_same_bytes_and_another_seed_other_weights()
    {
        var (a, ma) = Run(Small with { MaximumLayers = 2, Methods = ["smoothgrad"] });
        var (b, mb) = Run(Small with { MaximumLayers = 2, Methods = ["smoothgrad"] });
        SanityOutputs.Write(_folder.File("a"), a, Small, new System.Text.Json.Nodes.JsonObject());
        SanityOutputs.Write(_folder.File("b"), b, Small, new System.Text.Json.Nodes.JsonObject());
        foreach (string file in new[] { "sanity_correlations.tsv", "sanity_layers.tsv", "summary.json", "sanity.png" })
            Assert.Equal(File.ReadAllBytes(Path.Combine(_folder.File("a"), file)), File.ReadAllBytes(Path.Combine(_folder.File("b"), file)));
        Assert.Equal(Weights(ma, "model.2"), Weights(mb, "model.2"));

        using var other = ExperimentFixtures.ShallowModel();
        LayerRandomisation.Randomise(other, "model.2", seed: 10);
        Assert.NotEqual(Weights(ma, "model.2"), Weights(other, "model.2"));
        ma.Dispose();
        mb.Dispose();
    }

    [Fact]
    public void Layers_run_from_the_output_side_and_are_reinitialised_within_the_default_bounds()
    {
        using var model = ExperimentFixtures.ShallowModel();
        var layers = LayerRandomisation.Layers(model);
        Assert.Equal("model.2", layers[0]); // the last up-sampling block produces the logits
        Assert.Equal("model.0", layers[^1]); // the first down block sees the input
        var before = Weights(model, "model.1.submodule.0");
        LayerRandomisation.Randomise(model, "model.1.submodule.0", seed: 1);
        var after = Weights(model, "model.1.submodule.0");
        Assert.NotEqual(before, after);
        double bound = 1 / Math.Sqrt(4 * 27); // conv 4 → 8 channels, kernel 3³: fan_in = 4·27
        Assert.All(after, w => Assert.InRange(Math.Abs(w), 0, bound));
        Assert.True(after.Max(Math.Abs) > 0.8 * bound);
    }

    [Fact]
    public void Torchscript_models_and_unknown_methods_are_clear_errors()
    {
        using var script = ExperimentFixtures.FlairLinear();
        Assert.Contains("MONAI U-Net", Assert.Throws<InvalidInputException>(() => LayerRandomisation.Layers(script)).Message);
        Assert.Contains("--methods", Assert.Throws<InvalidInputException>(() => (Small with { Methods = ["smoothgrad-max"] }).Validate()).Message);
        Assert.Contains("--max-layers", Assert.Throws<InvalidInputException>(() => (Small with { MaximumLayers = 0 }).Validate()).Message);
    }

    static float[] Weights(SegmentationModel model, string layer)
    {
        var module = model.Module.named_modules().Single(m => m.name == layer).module;
        return module.named_parameters().Single(p => p.name == "conv.weight").parameter.detach().cpu().data<float>().ToArray();
    }
}
