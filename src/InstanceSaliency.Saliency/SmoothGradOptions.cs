namespace InstanceSaliency.Saliency;

/// <summary>SmoothGrad settings (method.md §5).</summary>
public sealed record SmoothGradOptions
{
    /// <summary>The paper's N.</summary>
    public const int DefaultSamples = 50;

    /// <summary>The paper's f: σ = f·(max − min) of the normalised FLAIR channel.</summary>
    public const double DefaultNoiseFraction = 0.05;

    /// <summary>N, the number of noisy samples averaged; ≥ 1.</summary>
    public int Samples { get; init; } = DefaultSamples;

    /// <summary>f, the noise standard deviation as a fraction of the normalised FLAIR range; ≥ 0 (0 = no noise).</summary>
    public double NoiseFractionOfFlairRange { get; init; } = DefaultNoiseFraction;

    /// <summary>Fixes every noise sample.</summary>
    public long Seed { get; init; }

    /// <summary>Throws for settings outside their ranges, naming the option.</summary>
    public void Validate()
    {
        if (Samples < 1) throw new ArgumentOutOfRangeException(nameof(Samples), Samples, "SmoothGrad needs at least one sample (--samples ≥ 1).");
        if (!double.IsFinite(NoiseFractionOfFlairRange) || NoiseFractionOfFlairRange < 0)
            throw new ArgumentOutOfRangeException(nameof(NoiseFractionOfFlairRange), NoiseFractionOfFlairRange, "The noise fraction must be finite and ≥ 0 (--noise).");
    }
}
