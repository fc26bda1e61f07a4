using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace InstanceSaliency.Models.Networks;

/// <summary>
/// MONAI's <c>ResidualUnit</c>: y = conv(x) + residual(x), where <c>conv</c> chains <c>unit0</c>, <c>unit1</c>, …
/// (Convolution blocks; only the first strides, the last is conv-only when <c>lastConvOnly</c>) and
/// <c>residual</c> is the identity, or a Conv3d (kernel 3 when strided, else kernel 1 without padding) when the
/// stride or the channel count changes.
/// </summary>
public sealed class ResidualUnit : Module<Tensor, Tensor>
{
    // Field names are the checkpoint format (MONAI state_dict keys): do not rename.
#pragma warning disable IDE1006
    private readonly Sequential conv;
    private readonly Module<Tensor, Tensor> residual;
#pragma warning restore IDE1006

    public ResidualUnit(int inChannels, int outChannels, int stride, int subunits, NormKind norm, bool lastConvOnly = false)
        : base(nameof(ResidualUnit))
    {
        subunits = Math.Max(1, subunits);
        var units = new (string, Module<Tensor, Tensor>)[subunits];
        int channels = inChannels, unitStride = stride;
        for (int su = 0; su < subunits; su++)
        {
            units[su] = ($"unit{su}", new Convolution(channels, outChannels, unitStride, norm, convOnly: lastConvOnly && su == subunits - 1));
            channels = outChannels;
            unitStride = 1;
        }
        conv = Sequential(units);
        residual = stride != 1 || inChannels != outChannels
            ? (stride != 1 ? Conv3d(inChannels, outChannels, 3, stride: stride, padding: 1) : Conv3d(inChannels, outChannels, 1))
            : Identity();
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var res = residual.call(input);
        return conv.call(input).add(res, Runtime.StableScalars.One).MoveToOuterDisposeScope(); // see StableScalars
    }
}
