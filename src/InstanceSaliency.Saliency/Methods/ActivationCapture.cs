using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace InstanceSaliency.Saliency.Methods;

/// <summary>
/// Captures one layer's output during a forward pass (for Grad-CAM++). Disposing removes the hook and frees the
/// activation, also when the forward pass throws (TorchSharp's hook handle is not IDisposable, hence this type).
/// </summary>
sealed class ActivationCapture : IDisposable
{
    readonly Action _remove;

    public ActivationCapture(Module<Tensor, Tensor> layer)
    {
        var handle = layer.register_forward_hook((_, _, output) =>
        {
            // Networks run their forward pass in a dispose scope that lets only the result out; the captured
            // activation must outlive it for the backward pass, so this capture takes ownership of it.
            Activation?.Dispose();
            Activation = output.DetachFromDisposeScope();
            return output;
        });
        _remove = handle.remove;
    }

    /// <summary>The layer's output of the latest forward pass (part of the autograd graph), or null.</summary>
    public Tensor? Activation { get; private set; }

    public void Dispose()
    {
        _remove();
        Activation?.Dispose();
        Activation = null;
    }
}
