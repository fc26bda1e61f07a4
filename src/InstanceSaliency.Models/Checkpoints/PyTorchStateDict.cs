using System.Collections;
using System.Reflection;
using InstanceSaliency.Imaging;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace InstanceSaliency.Models.Checkpoints;

/// <summary>
/// Reads a state_dict written by <c>torch.save</c> (zip format) through TorchSharp.PyBridge: a plain dict of
/// tensors, or a dict holding it under <c>state_dict</c> or <c>model</c> (training checkpoints); a <c>module.</c>
/// prefix (DataParallel) is stripped from every key.
/// </summary>
static class PyTorchStateDict
{
    // PyBridge's public load_py accepts only flat dicts; its unpickler (internal in 1.4.4, pinned in
    // Directory.Packages.props) also returns nested dicts, which checkpoints need.
    static readonly MethodInfo Unpickle =
        typeof(PyBridgeModuleExtensions).Assembly.GetType("TorchSharp.PyBridge.PyTorchUnpickler")
            ?.GetMethod("UnpickleStateDict", BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static, [typeof(Stream), typeof(bool), typeof(bool)])
        ?? throw new MissingMethodException("TorchSharp.PyBridge.PyTorchUnpickler.UnpickleStateDict(Stream, bool leaveOpen, bool skipTensorRead) (TorchSharp.PyBridge 1.4.4)");

    /// <summary>
    /// The tensors of the state_dict in <paramref name="stream"/>, keys without <c>module.</c>. Tensors are
    /// created in the caller's dispose scope. <paramref name="source"/> names the file in errors.
    /// </summary>
    public static Dictionary<string, Tensor> Read(Stream stream, string source)
    {
        Hashtable root;
        try { root = (Hashtable)Unpickle.Invoke(null, [stream, true, false])!; }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            throw new InvalidInputException(
                $"{source}: not a PyTorch state_dict in torch.save zip format ({e.InnerException.Message}). Save it with torch.save(model.state_dict(), path).",
                e.InnerException);
        }
        catch (InvalidCastException e)
        {
            throw new InvalidInputException($"{source}: the pickle does not hold a dict; save it with torch.save(model.state_dict(), path).", e);
        }
        var tensors = Unwrap(root, source);
        var result = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in tensors)
        {
            if (entry.Value is not Tensor tensor) continue;
            string key = (string)entry.Key;
            if (key.StartsWith("module.", StringComparison.Ordinal)) key = key["module.".Length..];
            result[key] = tensor;
        }
        if (result.Count == 0) throw new InvalidInputException($"{source}: the state_dict holds no tensors.");
        return result;
    }

    static Hashtable Unwrap(Hashtable root, string source)
    {
        if (root.Values.OfType<Tensor>().Any()) return root;
        foreach (string key in new[] { "state_dict", "model" })
            if (root[key] is Hashtable nested && nested.Values.OfType<Tensor>().Any())
                return nested;
        string keys = string.Join(", ", root.Keys.Cast<object>().Take(10));
        throw new InvalidInputException(
            $"{source}: no state_dict found: the file holds a dict with keys [{keys}] and no tensors; expected a state_dict, or one under \"state_dict\" or \"model\".");
    }
}
