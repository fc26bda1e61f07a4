namespace InstanceSaliency.Models.Networks;

/// <summary>Normalisation layer of MONAI's <c>ADN</c> block.</summary>
public enum NormKind
{
    /// <summary><c>BatchNorm3d(channels)</c>: in evaluation mode y = (x − running_mean) / √(running_var + 1e-5) · weight + bias, per channel.</summary>
    Batch,

    /// <summary><c>InstanceNorm3d(channels)</c> without affine parameters or running statistics: statistics of each window and channel (non-local).</summary>
    Instance,
}

/// <summary>
/// Hyper-parameters of MONAI's <c>UNet(spatial_dims=3, ...)</c> (method.md §2; the sidecar schema of
/// cli-contract.md). Kernel 3 for every convolution, PReLU activations, ADN order "NDA", dropout 0.
/// </summary>
public sealed record UNetSettings
{
    /// <summary>The paper's network: channels 32…512, strides 2, no residual units, batch norm.</summary>
    public static UNetSettings Paper { get; } = new();

    /// <summary>Input channels (FLAIR, T1).</summary>
    public int InChannels { get; init; } = 2;

    /// <summary>Output channels (background, lesion logits).</summary>
    public int OutChannels { get; init; } = 2;

    /// <summary>Feature channels per level, top to bottom; the last is the bottom layer.</summary>
    public IReadOnlyList<int> Channels { get; init; } = [32, 64, 128, 256, 512];

    /// <summary>Stride of each down/up level; one fewer than <see cref="Channels"/>.</summary>
    public IReadOnlyList<int> Strides { get; init; } = [2, 2, 2, 2];

    /// <summary>0: plain Convolution blocks (the paper); ≥ 1: MONAI ResidualUnits with this many subunits going down.</summary>
    public int NumResUnits { get; init; }

    /// <summary>Normalisation of every ADN block.</summary>
    public NormKind Norm { get; init; } = NormKind.Batch;

    /// <summary>The product of the strides: input sizes must be multiples of it (16 for the paper's network).</summary>
    public int TotalStride => Strides.Aggregate(1, (a, s) => a * s);

    /// <summary>Throws <see cref="ArgumentException"/> naming the parameter when the settings cannot build a U-Net.</summary>
    public void Validate()
    {
        if (InChannels < 1 || OutChannels < 1)
            throw new ArgumentException($"in_channels and out_channels must be ≥ 1; got {InChannels} and {OutChannels}.");
        if (Channels.Count < 2)
            throw new ArgumentException($"channels needs at least 2 levels; got [{string.Join(", ", Channels)}].", nameof(Channels));
        if (Strides.Count != Channels.Count - 1)
            throw new ArgumentException(
                $"strides needs one entry fewer than channels ({Channels.Count - 1}); got [{string.Join(", ", Strides)}].", nameof(Strides));
        if (Channels.Any(c => c < 1) || Strides.Any(s => s < 1))
            throw new ArgumentException("channels and strides must be ≥ 1.");
        if (NumResUnits < 0)
            throw new ArgumentException($"num_res_units must be ≥ 0; got {NumResUnits}.", nameof(NumResUnits));
    }
}
