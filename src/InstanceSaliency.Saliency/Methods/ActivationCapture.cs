using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace InstanceSaliency.Saliency.Methods;

/// <summary>
/// Captures one layer's output during a forward pass (for Grad-CAM++). Disposing removes the hook and frees the
/// activations, also when the forward pass throws (TorchSharp's hook handle is not IDisposable, hence this type).
/// </summary>
sealed class ActivationCapture : IDisposable
{
    readonly Action _remove;
    readonly List<Tensor> _all = [];

    /// <summary>
    /// Hooks <paramref name="layer"/>. With <paramref name="asGradientSource"/> the layer's output is replaced by a
    /// detached copy that requires grad: the network after the layer is recorded for autograd and everything before
    /// it is not, which is all that ∂s/∂A needs (Grad-CAM++), at a fraction of the memory and time. With
    /// <paramref name="keepAll"/> the output of every call is kept (<see cref="Activations"/>: one per sliding window);
    /// otherwise only the latest.
    /// </summary>
    public ActivationCapture(Module<Tensor, Tensor> layer, bool asGradientSource = false, bool keepAll = false)
    {
        var handle = layer.register_forward_hook((_, _, output) =>
        {
            // Networks run their forward pass in a dispose scope that lets only the result out; the captured
            // activation must outlive it for the backward pass, so this capture takes ownership of it.
            if (!keepAll) Release();
            var activation = (asGradientSource ? output.detach().requires_grad_(true) : output).DetachFromDisposeScope();
            _all.Add(activation);
            return activation;
        });
        _remove = handle.remove;
    }

    /// <summary>The layer's output of the latest forward pass (part of the autograd graph), or null.</summary>
    public Tensor? Activation => _all.Count > 0 ? _all[^1] : null;

    /// <summary>The outputs kept, in call order (only the latest unless constructed with keepAll).</summary>
    public IReadOnlyList<Tensor> Activations => _all;

    public void Dispose()
    {
        _remove();
        Release();
    }

    void Release()
    {
        foreach (var activation in _all) activation.Dispose();
        _all.Clear();
    }
}
