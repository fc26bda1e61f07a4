using InstanceSaliency.Imaging;
using InstanceSaliency.Models.Checkpoints;
using InstanceSaliency.Models.Networks;
using TorchSharp;
using static TorchSharp.torch;

namespace InstanceSaliency.Pipeline.Experiments.Sanity;

/// <summary>
/// The layers of cascading randomisation (Adebayo et al. 2018; method.md §8): every MONAI <see cref="Convolution"/>
/// block (a convolution or transposed convolution with its norm and PReLU), ordered from the output side: the
/// reverse of the order in which the blocks run in a forward pass (recorded with hooks on a small zero input, so
/// the nesting of MONAI's U-Net need not be decoded). Re-initialising a block sets
/// it to what a freshly built network holds, drawn from a seeded generator: convolution weight and bias uniform in
/// ±1/√fan_in (PyTorch's default, fan_in = size(1)·kernel volume), norm weight 1 and bias 0, PReLU 0.25. Running
/// statistics of the norm are kept: they are measured, not learned by gradient.
/// </summary>
public static class LayerRandomisation
{
    /// <summary>The block names (state-dict prefixes such as "model.2"), output side first.</summary>
    public static IReadOnlyList<string> Layers(SegmentationModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (model.Module is not MonaiUNet)
            throw new InvalidInputException(
                $"{model.Source}: cascading randomisation needs the network's layers by name; this {model.Format} model is not a MONAI U-Net loaded from a state_dict (give the weights as a " +
                    $"state_dict or .iesm).");
        var blocks = model.Module.named_modules().Where(m => m.module is Convolution).ToList();
        var order = new List<string>();
        var removers = new List<Action>();
        try
        {
            foreach (var (name, module) in blocks)
                removers.Add(((Convolution)module).register_forward_hook((_, _, output) => { order.Add(name); return output; }).remove);
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            model.Module.eval(); // a forward pass in training mode would update the batch-norm running statistics
            int size = model.SizeMultiple;
            var device = model.Module.parameters().First().device;
            model.Network.call(zeros([1, model.Description.InChannels, size, size, size], device: device));
        }
        finally
        {
            foreach (var remove in removers) remove();
        }
        order.Reverse();
        return order;
    }

    /// <summary>Re-initialises block <paramref name="layer"/> of <paramref name="model"/> in place from <paramref name="seed"/>.</summary>
    public static void Randomise(SegmentationModel model, string layer, long seed)
    {
        ArgumentNullException.ThrowIfNull(model);
        var block = model.Module.named_modules().FirstOrDefault(m => m.name == layer && m.module is Convolution).module
            ?? throw new InvalidInputException($"{model.Source}: no convolution block named {layer}.");
        var random = new Random(unchecked((int)(seed ^ (seed >> 32)) * 31 + StableHash(layer)));
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var parameters = block.named_parameters().ToList();
        var convWeight = parameters.First(p => p.name == "conv.weight").parameter;
        long fanIn = convWeight.shape[1] * convWeight.shape[2..].Aggregate(1L, (a, b) => a * b);
        double bound = 1 / Math.Sqrt(fanIn);
        foreach (var (name, parameter) in parameters)
        {
            var values = new float[parameter.numel()];
            if (name.StartsWith("conv.", StringComparison.Ordinal))
                for (int n = 0; n < values.Length; n++) values[n] = (float)((random.NextDouble() * 2 - 1) * bound);
            else if (name.EndsWith("A.weight", StringComparison.Ordinal)) Array.Fill(values, 0.25f);
            else if (name.EndsWith("weight", StringComparison.Ordinal)) Array.Fill(values, 1f);
            // other parameters (norm bias): 0
            parameter.copy_(tensor(values, parameter.shape, dtype: parameter.dtype, device: parameter.device));
        }
    }

    /// <summary>A hash of the layer name that does not change between runs (string.GetHashCode does).</summary>
    static int StableHash(string text)
    {
        unchecked
        {
            int hash = 17;
            foreach (char c in text) hash = hash * 31 + c;
            return hash;
        }
    }
}
