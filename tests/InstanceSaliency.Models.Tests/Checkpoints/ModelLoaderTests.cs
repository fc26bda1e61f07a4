using InstanceSaliency.Imaging;
using InstanceSaliency.Models.Checkpoints;
using InstanceSaliency.Models.Networks;
using InstanceSaliency.Models.Runtime;
using InstanceSaliency.Models.Tests.Networks;
using InstanceSaliency.TestSupport;

namespace InstanceSaliency.Models.Tests.Checkpoints;

public class ModelLoaderTests
{
    [Theory]
    [InlineData("tiny_module_prefix.pt")]
    [InlineData("tiny_nested_state_dict.pt")]
    [InlineData("tiny_nested_model.pt")]
    public void Prefixed_and_nested_checkpoints_load_the_same_weights(string name)
    {
        using var model = ModelFixtures.Load(name);
        Assert.Equal(ModelFormat.StateDict, model.Format);
        double error = MonaiUNetTests.LogitError16(model, "logits_tiny_16.bin");
        Assert.True(error < 1e-4, $"max |Δlogit| = {error:E2}");
    }

    [Fact]
    public void Wrong_key_is_an_error_naming_missing_and_unexpected_keys()
    {
        var e = Assert.Throws<InvalidInputException>(() => ModelFixtures.Load("tiny_wrong_key.pt"));
        Assert.Contains("tiny_wrong_key.pt", e.Message);
        Assert.Contains("missing keys: model.1.submodule.0.conv.weight", e.Message);
        Assert.Contains("unexpected keys: model.1.submodule.0.conv.weights", e.Message);
    }

    [Fact]
    public void Wrong_shape_is_an_error_naming_the_keys_and_both_shapes()
    {
        var e = Assert.Throws<InvalidInputException>(() => ModelFixtures.Load("tiny_wrong_shape.pt"));
        Assert.Contains("shape mismatches: model.1.submodule.1.submodule.conv.weight (checkpoint [8, 4, 3, 3, 3], network [16, 4, 3, 3, 3])", e.Message);
        Assert.Contains("sidecar", e.Message);
    }

    [Fact]
    public void State_dict_without_sidecar_is_an_error_asking_for_it()
    {
        using var folder = new TemporaryDirectory();
        string path = folder.File("weights.pt");
        File.Copy(ModelFixtures.File("tiny.pt"), path);
        var e = Assert.Throws<InvalidInputException>(() => ModelLoader.Load(path, ComputeContext.Cpu));
        Assert.Contains("weights.pt.json", e.Message);
    }

    [Fact]
    public void Missing_file_and_non_checkpoint_are_clear_errors()
    {
        using var folder = new TemporaryDirectory();
        Assert.Contains("file not found", Assert.Throws<InvalidInputException>(() => ModelLoader.Load(folder.File("none.pt"), ComputeContext.Cpu)).Message);
        string junk = folder.File("junk.pt");
        File.WriteAllText(junk, "not a checkpoint");
        File.Copy(ModelFixtures.File("tiny.pt.json"), junk + ".json");
        Assert.Contains("torch.save", Assert.Throws<InvalidInputException>(() => ModelLoader.Load(junk, ComputeContext.Cpu)).Message);
    }

    [Fact]
    public void Sidecar_with_unknown_architecture_points_to_torchscript()
    {
        using var folder = new TemporaryDirectory();
        string path = folder.File("swin.pt");
        File.Copy(ModelFixtures.File("tiny.pt"), path);
        File.WriteAllText(path + ".json", """{ "architecture": "swin-unetr" }""");
        Assert.Contains("TorchScript", Assert.Throws<InvalidInputException>(() => ModelLoader.Load(path, ComputeContext.Cpu)).Message);
    }

    [Fact]
    public void Own_format_round_trips_weights_and_description()
    {
        using var folder = new TemporaryDirectory();
        string path = folder.File("tiny" + ModelPackage.Extension);
        using (var original = ModelFixtures.Load("tiny.pt"))
            ModelPackage.Save((MonaiUNet)original.Module, original.Description with { Threshold = 0.4 }, path);
        using var model = ModelLoader.Load(path, ComputeContext.Cpu);
        Assert.Equal(ModelFormat.Package, model.Format);
        Assert.Equal(0.4, model.Description.Threshold);
        Assert.Equal([2, 4, 8], model.Description.Channels);
        Assert.True(MonaiUNetTests.LogitError16(model, "logits_tiny_16.bin") < 1e-4);
    }

    [Fact]
    public void TorchScript_file_loads_with_the_default_description()
    {
        using var model = ModelFixtures.Load("unet_small.ts");
        Assert.Equal(ModelFormat.TorchScript, model.Format);
        Assert.Equal(0.3, model.Description.Threshold);
    }

    [Fact]
    public void Corrupt_TorchScript_is_a_clear_error()
    {
        using var folder = new TemporaryDirectory();
        string path = folder.File("broken.ts");
        File.WriteAllText(path, "not a TorchScript archive");
        var e = Assert.Throws<InvalidInputException>(() => ModelLoader.Load(path, ComputeContext.Cpu));
        Assert.Contains("broken.ts: not a TorchScript module", e.Message);
    }
}
