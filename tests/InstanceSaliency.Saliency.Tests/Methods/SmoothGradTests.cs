using InstanceSaliency.Saliency.Execution;
using InstanceSaliency.Saliency.Methods;
using InstanceSaliency.Saliency.Noise;
using InstanceSaliency.Saliency.Targets;
using TorchSharp;
using static TorchSharp.torch;

namespace InstanceSaliency.Saliency.Tests.Methods;

public sealed class SmoothGradTests
{
    [Fact]
    public void One_sample_without_noise_is_the_plain_instance_gradient()
    {
        var model = SaliencyFixtures.ShallowModel();
        using var input = SaliencyFixtures.Input(model, 48, 48, 32);
        var target = SaliencyFixtures.Blob(1, (20, 22, 15), 6);
        using var scope = NewDisposeScope();
        var smooth = SmoothGrad.Of(Aggregation.Average, new SmoothGradOptions { Samples = 1, NoiseFractionOfFlairRange = 0 }, input.FlairRange, Grid(input));
        var a = new FullVolumeStrategy().Run(model, smooth, input, target);
        var b = new FullVolumeStrategy().Run(model, new InstanceGradient(), input, target);
        Assert.Equal(0f, (a - b).abs().max().item<float>());
    }

    [Fact]
    public void Max_aggregation_of_a_one_voxel_lesion_equals_the_average()
    {
        var model = SaliencyFixtures.ShallowModel();
        using var input = SaliencyFixtures.Input(model, 48, 48, 32);
        var target = SaliencyFixtures.Blob(1, (20, 22, 15), 1);
        using var scope = NewDisposeScope();
        var options = new SmoothGradOptions { Samples = 2, Seed = 5 };
        var average = new FullVolumeStrategy().Run(model, SmoothGrad.Of(Aggregation.Average, options, input.FlairRange, Grid(input)), input, target);
        var max = new FullVolumeStrategy().Run(model, SmoothGrad.Of(Aggregation.Max, options, input.FlairRange, Grid(input)), input, target);
        Assert.True(SaliencyFixtures.RelativeL2(max, average) < 1e-6);
    }

    [Fact]
    public void Same_seed_gives_identical_bytes_and_another_seed_differs()
    {
        var model = SaliencyFixtures.ShallowModel();
        using var input = SaliencyFixtures.Input(model, 48, 48, 32);
        var target = SaliencyFixtures.Blob(1, (20, 22, 15), 6);
        float[] Run(long seed)
        {
            using var scope = NewDisposeScope();
            var method = SmoothGrad.Of(Aggregation.Average, new SmoothGradOptions { Samples = 3, Seed = seed }, input.FlairRange, Grid(input));
            return new ExactCropStrategy().Run(model, method, input, target).data<float>().ToArray();
        }
        Assert.Equal(Run(42), Run(42));
        Assert.NotEqual(Run(42), Run(43));
    }

    [Fact]
    public void Noise_of_a_region_equals_the_same_region_of_the_whole_volume()
    {
        var noise = new VoxelNoise(7, (32, 48, 40));
        using var scope = NewDisposeScope();
        var whole = noise.Sample(3, 2, VoxelBox.Whole(32, 48, 40), CPU);
        var part = noise.Sample(3, 2, new VoxelBox(16, 16, 8, 16, 32, 16), CPU);
        var slice = whole[.., .., TensorIndex.Slice(16, 32), TensorIndex.Slice(16, 48), TensorIndex.Slice(8, 24)];
        Assert.Equal(0f, (part - slice).abs().max().item<float>());
        // Odd origin and width: regions that split the pairs of voxels sharing one Box–Muller draw.
        var odd = noise.Sample(3, 2, new VoxelBox(5, 7, 9, 11, 13, 15), CPU);
        var oddSlice = whole[.., .., TensorIndex.Slice(5, 16), TensorIndex.Slice(7, 20), TensorIndex.Slice(9, 24)];
        Assert.Equal(0f, (odd - oddSlice).abs().max().item<float>());
        // Standard normal: mean ≈ 0 and standard deviation ≈ 1 over 122,880 values.
        Assert.InRange(whole.mean().item<float>(), -0.02f, 0.02f);
        Assert.InRange(whole.std().item<float>(), 0.98f, 1.02f);
        var otherSample = noise.Sample(4, 2, VoxelBox.Whole(32, 48, 40), CPU);
        Assert.InRange((whole * otherSample).mean().item<float>(), -0.02f, 0.02f);
    }

    [Fact]
    public void No_tensor_stays_alive_after_an_attribution()
    {
        var model = SaliencyFixtures.ShallowModel();
        using var input = SaliencyFixtures.Input(model, 48, 48, 32);
        var target = SaliencyFixtures.Blob(1, (20, 22, 15), 4);
        var methods = new IAttributionMethod[]
        {
            SmoothGrad.Of(Aggregation.Max, new SmoothGradOptions { Samples = 2 }, input.FlairRange, Grid(input)),
            new GradCamPlusPlus(GradCamPlusPlus.DefaultLayer),
        };
        foreach (var method in methods)
        {
            new ExactCropStrategy().Run(model, method, input, target).Dispose(); // warm-up: lazily created native state
            long before = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
            new ExactCropStrategy().Run(model, method, input, target).Dispose();
            Assert.Equal(before, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
        }
    }

    [Fact]
    public void The_capture_hook_is_removed_even_when_the_attribution_throws()
    {
        var model = SaliencyFixtures.ShallowModel();
        using var input = SaliencyFixtures.Input(model, 48, 48, 32);
        var capture = new ActivationCapture(model.Layer(GradCamPlusPlus.DefaultLayer));
        Assert.Throws<InvalidOperationException>((Action)(() =>
        {
            using (capture)
            {
                using var scope = NewDisposeScope();
                model.Network.call(input.Padded);
                Assert.NotNull(capture.Activation);
                throw new InvalidOperationException("the attribution failed after the forward pass");
            }
        }));
        Assert.Null(capture.Activation);
        using (var scope = NewDisposeScope())
        using (no_grad())
            model.Network.call(input.Padded);
        Assert.Null(capture.Activation); // a forward pass after the failure no longer reaches the capture

        // Grad-CAM++ itself fails cleanly for a lesion outside its region, and leaves the model usable.
        var outside = new InstanceTarget(1, [(47, 47, 31)]);
        Assert.Throws<ArgumentException>(() => new GradCamPlusPlus(GradCamPlusPlus.DefaultLayer).Attribute(model, input.Padded, new VoxelBox(0, 0, 0, 16, 16, 16), outside));
    }

    static (long, long, long) Grid(Inputs.NetworkInput input) => (input.Padded.shape[2], input.Padded.shape[3], input.Padded.shape[4]);
}
