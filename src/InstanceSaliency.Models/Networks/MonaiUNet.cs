using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace InstanceSaliency.Models.Networks;

/// <summary>
/// MONAI's <c>UNet</c> (method.md §2) with MONAI's state_dict keys. Input [batch, channel, D, H, W] with
/// channel 0 FLAIR, 1 T1 and every spatial size a multiple of <see cref="UNetSettings.TotalStride"/>; output
/// logits [batch, class, D, H, W]. Structure, recursively per level (channels c, stride s):
/// <c>Sequential(down, SkipConnection(deeper), up)</c>, so keys read <c>model.0</c> (top down), <c>model.1.submodule.…</c>
/// (deeper levels), <c>model.2</c> (top up). Going down: Convolution(stride s)+BN+PReLU, or a ResidualUnit;
/// bottom: the same with stride 1; going up: ConvTranspose3d(stride s) on [down output, deeper output]
/// (+BN+PReLU, except the bare top one when num_res_units = 0; followed by a one-subunit ResidualUnit when
/// num_res_units ≥ 1, conv-only at the top).
/// </summary>
public sealed partial class MonaiUNet : Module<Tensor, Tensor>
{
    // Field name is the checkpoint format (MONAI state_dict key): do not rename.
#pragma warning disable IDE1006
    private readonly Sequential model;
#pragma warning restore IDE1006

    public MonaiUNet(UNetSettings settings) : base(nameof(MonaiUNet))
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        Settings = settings;
        _levels = new LevelModules[settings.Channels.Count - 1];
        model = Block(settings.InChannels, settings.OutChannels, 0, isTop: true);
        RegisterComponents();
    }

    /// <summary>The hyper-parameters this network was built with.</summary>
    public UNetSettings Settings { get; }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        return model.call(input).MoveToOuterDisposeScope();
    }

    Sequential Block(int inChannels, int outChannels, int level, bool isTop)
    {
        var s = Settings;
        int c = s.Channels[level], stride = s.Strides[level];
        Module<Tensor, Tensor> deeper;
        int upChannels;
        if (s.Channels.Count - level > 2)
        {
            deeper = Block(c, c, level + 1, isTop: false);
            upChannels = 2 * c;
        }
        else
        {
            deeper = Down(c, s.Channels[level + 1], 1);
            upChannels = c + s.Channels[level + 1];
        }
        var down = Down(inChannels, c, stride);
        var up = Up(upChannels, outChannels, stride, isTop);
        _levels[level] = new LevelModules(down, deeper, up, stride);
        return Sequential(down, new SkipConnection(deeper), up);
    }

    Module<Tensor, Tensor> Down(int inChannels, int outChannels, int stride) =>
        Settings.NumResUnits > 0
            ? new ResidualUnit(inChannels, outChannels, stride, Settings.NumResUnits, Settings.Norm)
            : new Convolution(inChannels, outChannels, stride, Settings.Norm);

    Module<Tensor, Tensor> Up(int inChannels, int outChannels, int stride, bool isTop)
    {
        var conv = new Convolution(inChannels, outChannels, stride, Settings.Norm, transposed: true,
            convOnly: isTop && Settings.NumResUnits == 0);
        if (Settings.NumResUnits == 0) return conv;
        return Sequential(conv, new ResidualUnit(outChannels, outChannels, 1, 1, Settings.Norm, lastConvOnly: isTop));
    }
}
