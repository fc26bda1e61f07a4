using InstanceSaliency.Saliency.Execution;
using InstanceSaliency.Saliency.Inputs;
using InstanceSaliency.Saliency.Methods;
using InstanceSaliency.Saliency.Noise;
using InstanceSaliency.Saliency.Targets;
using InstanceSaliency.TestSupport;
using static TorchSharp.torch;

namespace InstanceSaliency.Saliency.Tests.Methods;

/// <summary>
/// SmoothGrad with noise (method.md §5) against a reference composed here from its definition:
/// M = (1/N) Σ_n m(x + σ·ε_n), σ = f·(max − min) of the normalised FLAIR channel of x (taken here from the padded
/// input itself), ε_n the documented per-voxel noise on both channels (pinned against an independent implementation
/// by VoxelNoiseReferenceTests), n = 0 … N − 1, m the per-sample method. The scan's T1 has one bright voxel, so its
/// normalised range is several times the FLAIR's: a σ taken from the wrong channel cannot pass.
/// </summary>
public sealed class SmoothGradNoiseTests
{
    const long Seed = 11;
    const int Samples = 3;
    const double Fraction = 0.05;
    const double Tolerance = 1e-5;

    public static TheoryData<Aggregation> Aggregations() => [Aggregation.Average, Aggregation.Max];

    [Theory]
    [MemberData(nameof(Aggregations))]
    public void Noisy_SmoothGrad_equals_the_mean_over_N_samples_of_the_method_on_x_plus_sigma_eps(Aggregation aggregation)
    {
        var model = SaliencyFixtures.ShallowModel();
        using var input = InputWithBrightT1Voxel(model);
        var target = SaliencyFixtures.Blob(1, (20, 22, 15), aggregation == Aggregation.Average ? 6 : 4);
        IAttributionMethod perSample = aggregation == Aggregation.Average ? new InstanceGradient() : new MaxVoxelGradient();
        using var scope = NewDisposeScope();
        double flairRange = ChannelRange(input, 0), t1Range = ChannelRange(input, 1);
        Assert.True(t1Range > 3 * flairRange, $"the T1 range {t1Range} should dwarf the FLAIR range {flairRange}");
        double sigma = Fraction * flairRange;

        var smooth = SmoothGrad.Of(aggregation, new SmoothGradOptions { Samples = Samples, NoiseFractionOfFlairRange = Fraction, Seed = Seed }, input.FlairRange, Grid(input));
        Assert.Equal(sigma, smooth.NoiseStandardDeviation, sigma * 1e-6);
        var actual = new FullVolumeStrategy().Run(model, smooth, input, target);

        var expected = Reference(model, perSample, input, target, Samples, sigma, noisyChannels: 2);
        double error = SaliencyFixtures.RelativeL2(actual, expected);
        Assert.True(error <= Tolerance, $"{aggregation}: SmoothGrad differs from the reference by {error:E2} relative L2");

        // The rules this pins, each broken in turn: every wrong variant lies far outside the tolerance.
        var wrong = new Dictionary<string, Tensor>
        {
            ["no noise"] = Reference(model, perSample, input, target, 1, 0, 2),
            ["σ from the T1 range"] = Reference(model, perSample, input, target, Samples, Fraction * t1Range, 2),
            ["σ = range (f not applied)"] = Reference(model, perSample, input, target, Samples, flairRange, 2),
            ["noise on the FLAIR channel only"] = Reference(model, perSample, input, target, Samples, sigma, 1),
            ["one sample instead of N"] = Reference(model, perSample, input, target, 1, sigma, 2),
        };
        foreach (var (name, map) in wrong)
        {
            double distance = SaliencyFixtures.RelativeL2(map, expected);
            Assert.True(distance > 100 * Tolerance, $"{aggregation}: the variant '{name}' is only {distance:E2} from the reference");
        }
    }

    [Fact]
    public void The_fast_path_sees_the_same_noise_as_the_whole_volume()
    {
        var model = SaliencyFixtures.ShallowModel();
        using var input = InputWithBrightT1Voxel(model);
        var target = SaliencyFixtures.Blob(1, (20, 22, 15), 6);
        using var scope = NewDisposeScope();
        var smooth = SmoothGrad.Of(Aggregation.Average, new SmoothGradOptions { Samples = Samples, Seed = Seed }, input.FlairRange, Grid(input));
        var expected = Reference(model, new InstanceGradient(), input, target, Samples, Fraction * ChannelRange(input, 0), 2);
        double error = SaliencyFixtures.RelativeL2(new ExactCropStrategy().Run(model, smooth, input, target), expected);
        Assert.True(error <= Tolerance, $"fast SmoothGrad differs from the reference by {error:E2} relative L2");
    }

    /// <summary>(1/N) Σ_{n&lt;N} m(x + σ·ε_n) in float64, ε_n on the first <paramref name="noisyChannels"/> channels only.</summary>
    static Tensor Reference(AttributionModel model, IAttributionMethod perSample, NetworkInput input, InstanceTarget target, int samples, double sigma, int noisyChannels)
    {
        var noise = new VoxelNoise(Seed, Grid(input));
        var sum = zeros([2, input.Padded.shape[2], input.Padded.shape[3], input.Padded.shape[4]], dtype: ScalarType.Float64);
        for (int n = 0; n < samples; n++)
        {
            var eps = noise.Sample(n, 2, input.Whole, CPU);
            if (noisyChannels < 2) eps[.., TensorIndex.Slice(noisyChannels)] = 0f;
            var x = input.Padded + eps * sigma;
            sum += perSample.Attribute(model, x, input.Whole, target).to(ScalarType.Float64);
        }
        return sum / samples;
    }

    static double ChannelRange(NetworkInput input, int channel)
    {
        var values = input.Padded[0, channel];
        return (double)values.max().item<float>() - values.min().item<float>();
    }

    static NetworkInput InputWithBrightT1Voxel(AttributionModel model)
    {
        var (flair, t1) = SyntheticScan.Ellipsoid(48, 48, 32);
        t1[47, 0, 0] = 200f; // outside the ellipsoid, far from the lesion
        return NetworkInput.From(flair, t1, model.SizeMultiple, CPU);
    }

    static (long, long, long) Grid(NetworkInput input) => (input.Padded.shape[2], input.Padded.shape[3], input.Padded.shape[4]);
}
