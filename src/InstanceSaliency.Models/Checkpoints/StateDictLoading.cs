using InstanceSaliency.Imaging;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace InstanceSaliency.Models.Checkpoints;

/// <summary>
/// Copies a checkpoint's tensors into a network after checking that keys and shapes match exactly; a mismatch
/// is one error listing the first offending keys. <c>num_batches_tracked</c> (not used in evaluation) may be
/// absent on either side.
/// </summary>
static class StateDictLoading
{
    const int ListedKeys = 5;

    public static void Load(Module network, Dictionary<string, Tensor> checkpoint, string source, string architecture)
    {
        var expected = network.state_dict();
        static bool Optional(string key) => key.EndsWith("num_batches_tracked", StringComparison.Ordinal);
        var missing = expected.Keys.Where(k => !checkpoint.ContainsKey(k) && !Optional(k)).ToList();
        var unexpected = checkpoint.Keys.Where(k => !expected.ContainsKey(k) && !Optional(k)).Order(StringComparer.Ordinal).ToList();
        // In the network's key order (the checkpoint's dict order is lost in unpickling).
        var wrongShape = expected
            .Where(kv => checkpoint.TryGetValue(kv.Key, out var stored) && !SameShape(stored, kv.Value))
            .Select(kv => $"{kv.Key} (checkpoint [{string.Join(", ", checkpoint[kv.Key].shape)}], network [{string.Join(", ", kv.Value.shape)}])")
            .ToList();
        if (missing.Count + unexpected.Count + wrongShape.Count > 0)
        {
            var parts = new List<string>();
            if (missing.Count > 0) parts.Add($"missing keys: {List(missing)}");
            if (unexpected.Count > 0) parts.Add($"unexpected keys: {List(unexpected)}");
            if (wrongShape.Count > 0) parts.Add($"shape mismatches: {List(wrongShape)}");
            throw new InvalidInputException(
                $"{source}: the checkpoint does not match {architecture}: {string.Join("; ", parts)}. Check the sidecar (channels, strides, num_res_units, norm).");
        }
        using var noGrad = no_grad();
        foreach (var (key, target) in expected)
        {
            if (!checkpoint.TryGetValue(key, out var value)) continue;
            target.copy_(value.reshape(target.shape).to(target.dtype));
        }
    }

    static bool SameShape(Tensor a, Tensor b) =>
        a.shape.SequenceEqual(b.shape) || (a.numel() == 1 && b.numel() == 1 && (a.dim() == 0 || b.dim() == 0 || a.dim() == 1 && b.dim() == 1));

    static string List(List<string> keys) =>
        string.Join(", ", keys.Take(ListedKeys)) + (keys.Count > ListedKeys ? $" (and {keys.Count - ListedKeys} more)" : "");
}
