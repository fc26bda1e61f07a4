using System.Runtime.InteropServices;
using InstanceSaliency.Imaging;
using InstanceSaliency.Models.Networks;
using InstanceSaliency.Models.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace InstanceSaliency.Models.Checkpoints;

/// <summary>
/// Loads <c>--model PATH</c> as cli-contract.md says: the project's own <c>.iesm</c>; a TorchScript module
/// (<c>.ts</c>, or <c>"format": "torchscript"</c> in <c>PATH.json</c>); otherwise a PyTorch state_dict (<c>.pt</c>/<c>.pth</c>,
/// torch.save zip) described by its sidecar <c>PATH.json</c>. The model is placed on the context's device
/// and put in evaluation mode.
/// </summary>
public static class ModelLoader
{
    /// <summary>The sidecar path of a checkpoint: <c>PATH.json</c>.</summary>
    public static string SidecarPath(string path) => path + ".json";

    /// <summary>Loads the model at <paramref name="path"/>; every user error is an <see cref="InvalidInputException"/> naming the file.</summary>
    public static SegmentationModel Load(string path, ComputeContext context)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(context);
        if (!File.Exists(path)) throw new InvalidInputException($"--model {path}: file not found.");
        if (path.EndsWith(ModelPackage.Extension, StringComparison.OrdinalIgnoreCase))
            return ModelPackage.Load(path, context.Device);

        string sidecar = SidecarPath(path);
        var description = File.Exists(sidecar) ? ModelDescription.Read(sidecar) : null;
        bool torchScript = path.EndsWith(".ts", StringComparison.OrdinalIgnoreCase) || description?.Format == "torchscript";
        if (torchScript) return LoadTorchScript(path, description ?? new ModelDescription { Format = "torchscript" }, context.Device);
        if (description is null)
            throw new InvalidInputException(
                $"{path}: a PyTorch state_dict needs its sidecar {sidecar} describing the network (cli-contract.md, \"Models\"); for another architecture pass a TorchScript .ts file.");
        using var stream = File.OpenRead(path);
        return BuildUNet(description, stream, path, ModelFormat.StateDict, path, context.Device);
    }

    internal static SegmentationModel BuildUNet(ModelDescription description, Stream weights, string weightsName, ModelFormat format, string source, Device device)
    {
        var settings = description.ToUNetSettings();
        var network = new MonaiUNet(settings);
        try
        {
            using (var scope = NewDisposeScope())
            {
                var tensors = PyTorchStateDict.Read(weights, weightsName);
                string architecture =
                    $"monai-unet(channels [{string.Join(", ", settings.Channels)}], strides [{string.Join(", ", settings.Strides)}], num_res_units {settings.NumResUnits}, norm {description.Norm})";
                StateDictLoading.Load(network, tensors, weightsName, architecture);
            }
            network.to(device);
            return new SegmentationModel(network, description, format, source);
        }
        catch
        {
            network.Dispose();
            throw;
        }
    }

    static SegmentationModel LoadTorchScript(string path, ModelDescription description, Device device)
    {
        jit.ScriptModule<Tensor, Tensor> module;
        try { module = jit.load<Tensor, Tensor>(path, device.type, device.index); }
        catch (Exception e) when (e is ExternalException or ArgumentException or IOException)
        {
            throw new InvalidInputException($"{path}: not a TorchScript module torch.jit.load can read ({FirstLine(e.Message)}).", e);
        }
        return new SegmentationModel(module, description with { Format = "torchscript" }, ModelFormat.TorchScript, path);
    }

    static string FirstLine(string message) => message.Split('\n', 2)[0].Trim();
}
