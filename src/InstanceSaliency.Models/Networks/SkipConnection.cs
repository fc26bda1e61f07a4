using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace InstanceSaliency.Models.Networks;

/// <summary>MONAI's <c>SkipConnection</c> (mode "cat"): y = concat([x, submodule(x)], channel axis).</summary>
public sealed class SkipConnection : Module<Tensor, Tensor>
{
    // Field name is the checkpoint format (MONAI state_dict key): do not rename.
#pragma warning disable IDE1006
    private readonly Module<Tensor, Tensor> submodule;
#pragma warning restore IDE1006

    public SkipConnection(Module<Tensor, Tensor> inner) : base(nameof(SkipConnection))
    {
        submodule = inner;
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        return cat([input, submodule.call(input)], 1).MoveToOuterDisposeScope();
    }
}
