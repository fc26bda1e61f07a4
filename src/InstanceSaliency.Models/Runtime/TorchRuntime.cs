using TorchSharp;
using static TorchSharp.torch;

namespace InstanceSaliency.Models.Runtime;

/// <summary>Facts about the loaded LibTorch, and a quick proof that it computes.</summary>
public static class TorchRuntime
{
    /// <summary>
    /// Runs a seeded Conv3d forward and an input gradient on a small volume, and describes the runtime. Fails
    /// (TypeInitializationException from TorchSharp) when the native library cannot load; see
    /// build/LibTorchSharpGlibcxx.targets.
    /// </summary>
    public static string SelfCheck()
    {
        using var scope = NewDisposeScope();
        random.manual_seed(0);
        using var conv = nn.Conv3d(2, 4, 3, padding: 1);
        var input = randn(new long[] { 1, 2, 8, 8, 8 }).requires_grad_(true);
        var output = conv.call(input);
        var gradient = autograd.grad([output.sum()], [input])[0];
        double norm = gradient.norm().item<float>();
        return $"LibTorch {__version__} on {(cuda.is_available() ? "CUDA" : "CPU")}, {get_num_threads()} threads; Conv3d forward + input gradient ok (|∇| = {norm:F3})";
    }
}
