using InstanceSaliency.Saliency.Catalog;
using InstanceSaliency.Saliency.Execution;
using InstanceSaliency.Saliency.Methods;
using InstanceSaliency.Saliency.Targets;
using TorchSharp;
using static TorchSharp.torch;

namespace InstanceSaliency.Saliency.Tests.Catalog;

/// <summary>
/// The conformance suite: every method registered in <see cref="SaliencyMethods"/> × every execution strategy.
/// A new method gets these checks by its registration alone: the fast path equals the full-volume reference
/// (method.md §4), no tensor outlives the call, no hook outlives a failing forward pass, without noise and with one
/// sample SmoothGrad is the wrapped method, the map has the channels the method declares, and the same seed gives
/// the same bytes.
/// </summary>
public sealed class ConformanceTests
{
    static readonly ExecutionStrategy[] Strategies = [new FullVolumeStrategy(), new ExactCropStrategy()];

    public static TheoryData<string, string> MethodsAndStrategies()
    {
        var data = new TheoryData<string, string>();
        foreach (var method in SaliencyMethods.All)
            foreach (var strategy in Strategies)
                data.Add(method.Name, strategy.Name);
        return data;
    }

    public static TheoryData<string> Methods() => new(SaliencyMethods.Names);

    static MethodSettings Settings(int samples = 2, double noise = SmoothGradOptions.DefaultNoiseFraction, long seed = 5) =>
        new(new SmoothGradOptions { Samples = samples, NoiseFractionOfFlairRange = noise, Seed = seed }, samples, CamWeighting.Local, GradCamPlusPlus.DefaultLayer);

    static ExecutionStrategy Strategy(string name) => Strategies.Single(s => s.Name == name);

    [Theory]
    [MemberData(nameof(Methods))]
    public void Fast_equals_naive_within_1e_5_relative_L2(string name)
    {
        var model = SaliencyFixtures.ShallowModel();
        using var input = SaliencyFixtures.Input(model, 64, 64, 48);
        var target = SaliencyFixtures.Blob(1, (30, 28, 22), 4);
        var method = SaliencyMethods.Named(name).Create(Settings(), input);
        using var scope = NewDisposeScope();
        var naive = Strategy("naive").Run(model, method, input, target);
        var fast = Strategy("fast").Run(model, method, input, target);
        Assert.True(naive.abs().sum().item<float>() > 0, $"{name}: the reference map is all zeros");
        double error = SaliencyFixtures.RelativeL2(fast, naive);
        Assert.True(error <= 1e-5, $"{name}: fast differs from naive by {error:E2} relative L2");
    }

    [Theory]
    [MemberData(nameof(MethodsAndStrategies))]
    public void Leaves_no_tensor_alive_and_declares_its_channels_and_repeats_its_bytes(string name, string strategyName)
    {
        var model = SaliencyFixtures.ShallowModel();
        using var input = SaliencyFixtures.Input(model, 48, 48, 32);
        var target = SaliencyFixtures.Blob(1, (22, 24, 16), 3);
        var entry = SaliencyMethods.Named(name);
        var strategy = Strategy(strategyName);
        var method = entry.Create(Settings(), input);
        strategy.Run(model, method, input, target).Dispose(); // warm-up: lazily created native state

        long before = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        float[] first, second;
        using (var map = strategy.Run(model, method, input, target))
        {
            Assert.Equal(method.MapChannels(model.Model.Description.Modalities).Count, (int)map.shape[0]);
            Assert.Equal(input.Padded.shape.Skip(2), map.shape.Skip(1));
            first = map.data<float>().ToArray();
        }
        Assert.Equal(before, DisposeScopeManager.Statistics.ThreadTotalLiveCount);

        using (var again = strategy.Run(model, entry.Create(Settings(), input), input, target))
            second = again.data<float>().ToArray();
        Assert.Equal(first, second);
        foreach (var derived in entry.Derived)
            Assert.Contains(derived.SourceChannel, method.MapChannels(model.Model.Description.Modalities));
    }

    [Theory]
    [MemberData(nameof(MethodsAndStrategies))]
    public void A_failing_forward_pass_leaves_no_hook_and_no_tensor(string name, string strategyName)
    {
        var model = SaliencyFixtures.ShallowModel();
        using var input = SaliencyFixtures.Input(model, 48, 48, 32);
        var method = SaliencyMethods.Named(name).Create(Settings(samples: 1), input);
        var target = SaliencyFixtures.Blob(1, (22, 24, 16), 3);
        Strategy(strategyName).Run(model, method, input, target).Dispose(); // warm-up
        long before = DisposeScopeManager.Statistics.ThreadTotalLiveCount;

        // One input channel only: the first convolution refuses it inside the forward pass.
        using (var wrong = NetworkInputs.WithChannels(input, 1))
            Assert.ThrowsAny<Exception>(() => Strategy(strategyName).Run(model, method, wrong, target).Dispose());
        Assert.Equal(before, DisposeScopeManager.Statistics.ThreadTotalLiveCount);

        // A forward pass after the failure reaches no capture: its activation would stay alive as a new tensor.
        using (var scope = NewDisposeScope())
        using (no_grad())
            model.Network.call(input.Padded);
        Assert.Equal(before, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
        using var map = Strategy(strategyName).Run(model, method, input, target);
        Assert.True(map.abs().sum().item<float>() > 0);
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void Without_noise_and_with_one_sample_SmoothGrad_is_the_wrapped_method(string name)
    {
        var model = SaliencyFixtures.ShallowModel();
        using var input = SaliencyFixtures.Input(model, 48, 48, 32);
        var target = SaliencyFixtures.Blob(1, (22, 24, 16), 3);
        var method = SaliencyMethods.Named(name).Create(Settings(samples: 1, noise: 0), input);
        if (method is not SmoothGrad smooth) return; // not a SmoothGrad method: nothing to compare
        IAttributionMethod perSample = name == SaliencyMethods.SmoothGradMax.Name ? new MaxVoxelGradient() : new InstanceGradient();
        using var scope = NewDisposeScope();
        var wrapped = Strategy("fast").Run(model, smooth, input, target);
        var plain = Strategy("fast").Run(model, perSample, input, target);
        Assert.Equal(plain.data<float>().ToArray(), wrapped.data<float>().ToArray());
    }
}
