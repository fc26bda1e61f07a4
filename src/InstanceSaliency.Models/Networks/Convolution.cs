using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace InstanceSaliency.Models.Networks;

/// <summary>
/// MONAI's <c>Convolution</c> block: <c>conv</c> (Conv3d, or ConvTranspose3d with output_padding = stride − 1),
/// kernel 3, padding 1, bias; then <c>adn</c> (norm, PReLU) unless conv-only. A transposed block maps a size n
/// to n·stride on every spatial axis; a plain one maps n to ⌈n / stride⌉.
/// </summary>
public sealed class Convolution : Module<Tensor, Tensor>
{
    // Field names are the checkpoint format (MONAI state_dict keys): do not rename.
#pragma warning disable IDE1006
    private readonly Module<Tensor, Tensor> conv;
    private readonly Sequential? adn;
#pragma warning restore IDE1006

    public Convolution(int inChannels, int outChannels, int stride, NormKind norm, bool transposed = false, bool convOnly = false)
        : base(nameof(Convolution))
    {
        const int kernel = 3, padding = 1;
        conv = transposed
            ? ConvTranspose3d(inChannels, outChannels, kernel, stride: stride, padding: padding, output_padding: stride - 1)
            : Conv3d(inChannels, outChannels, kernel, stride: stride, padding: padding);
        adn = convOnly ? null : Adn.Create(outChannels, norm);
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var output = conv.call(input);
        if (adn is not null) output = adn.call(output);
        return output.MoveToOuterDisposeScope();
    }
}
