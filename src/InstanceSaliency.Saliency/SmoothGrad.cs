using InstanceSaliency.Models.Runtime;
using InstanceSaliency.Saliency.Inputs;
using InstanceSaliency.Saliency.Methods;
using InstanceSaliency.Saliency.Noise;
using InstanceSaliency.Saliency.Targets;
using TorchSharp;
using static TorchSharp.torch;

namespace InstanceSaliency.Saliency;

/// <summary>How SmoothGrad combines the voxels of an instance (method.md §5).</summary>
public enum Aggregation
{
    /// <summary>Paper eq. 2: the gradient of the summed logits, divided by |Ω| (<see cref="InstanceGradient"/>).</summary>
    Average,

    /// <summary>Paper eq. 3: per input voxel, the largest-magnitude derivative over Ω's voxels (<see cref="MaxVoxelGradient"/>).</summary>
    Max,
}

/// <summary>
/// SmoothGrad around any attribution method: M = (1/N) Σ_n m(x + ε_n), ε_n ~ N(0, σ²) on every voxel of every
/// channel of the padded input, σ = f·(max − min) of the normalised FLAIR channel (method.md §5). The noise of a
/// sample is a function of the seed and the voxel (<see cref="VoxelNoise"/>), so any region sees the same noisy
/// input as the whole volume. With N = 1 and f = 0 it is the wrapped method itself.
/// </summary>
public sealed class SmoothGrad : IAttributionMethod
{
    readonly IAttributionMethod _perSample;
    readonly double _sigma;
    readonly VoxelNoise _noise;

    /// <summary>Wraps <paramref name="perSample"/>; <paramref name="flairRange"/> is max − min of the normalised FLAIR, <paramref name="grid"/> the padded grid.</summary>
    public SmoothGrad(IAttributionMethod perSample, SmoothGradOptions options, double flairRange, (long D, long H, long W) grid)
    {
        ArgumentNullException.ThrowIfNull(perSample);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _perSample = perSample;
        Options = options;
        _sigma = options.NoiseFractionOfFlairRange * flairRange;
        _noise = new VoxelNoise(options.Seed, grid);
    }

    /// <summary>SmoothGrad with average or max aggregation over the instance's voxels.</summary>
    public static SmoothGrad Of(Aggregation aggregation, SmoothGradOptions options, double flairRange, (long D, long H, long W) grid) =>
        new(aggregation == Aggregation.Average ? new InstanceGradient() : new MaxVoxelGradient(), options, flairRange, grid);

    /// <summary>SmoothGrad with average or max aggregation for one scan's input: σ from its FLAIR range, noise on its padded grid.</summary>
    public static SmoothGrad Of(Aggregation aggregation, SmoothGradOptions options, NetworkInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return Of(aggregation, options, input.FlairRange, input.Grid);
    }

    public SmoothGradOptions Options { get; }

    /// <summary>σ in normalised-intensity units.</summary>
    public double NoiseStandardDeviation => _sigma;

    public IReadOnlyList<string> MapChannels(IReadOnlyList<string> inputChannels) => _perSample.MapChannels(inputChannels);

    public bool IsLocal => _perSample.IsLocal;

    public bool ReadsInstanceLogitsOnly => _perSample.ReadsInstanceLogitsOnly;

    public Tensor Attribute(AttributionModel model, Tensor input, VoxelBox region, InstanceTarget target)
    {
        // Without noise every sample is the same input: one pass is the exact average (and rounds no worse).
        if (_sigma == 0) return _perSample.Attribute(model, input, region, target);
        Tensor? sum = null;
        for (int n = 0; n < Options.Samples; n++)
        {
            using var step = NewDisposeScope();
            var noisy = _sigma > 0 ? input.add(_noise.Sample(n, (int)input.shape[1], region, input.device, _sigma), StableScalars.One) : input;
            var map = _perSample.Attribute(model, noisy, region, target);
            if (sum is null) sum = map.MoveToOuterDisposeScope();
            else sum.add_(map, StableScalars.One);
        }
        using var samples = ((double)Options.Samples).ToScalar(); // explicit: see VoxelNoise.Sample
        return sum!.div_(samples);
    }
}
