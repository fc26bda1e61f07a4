using InstanceSaliency.Models.Networks;
using TorchSharp;
using static TorchSharp.torch;

namespace InstanceSaliency.Models.Tests.Networks;

/// <summary>ForwardWindow gives the whole-grid logits and input gradients of its window, wherever the window lies.</summary>
public class MonaiUNetWindowTests
{
    public static TheoryData<int, int, int, int, int, int> Windows() => new()
    {
        { 20, 27, 9, 12, 30, 33 },  // interior, odd starts and ends
        { 0, 3, 0, 5, 0, 2 },       // at the start of every axis
        { 45, 48, 27, 32, 60, 64 }, // at the end of every axis
        { 17, 18, 14, 15, 41, 42 }, // one voxel
        { 0, 48, 0, 32, 0, 64 },    // the whole grid
    };

    [Theory]
    [MemberData(nameof(Windows))]
    public void Window_logits_equal_the_whole_forward_cropped(int i0, int i1, int j0, int j1, int k0, int k1)
    {
        using var net = Network(seed: 5);
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var x = Input(seed: 6);
        var window = new AxisRange[] { new(i0, i1), new(j0, j1), new(k0, k1) };
        var whole = net.call(x)[.., .., TensorIndex.Slice(i0, i1), TensorIndex.Slice(j0, j1), TensorIndex.Slice(k0, k1)];
        var windowed = net.ForwardWindow(x, window);

        Assert.Equal(whole.shape, windowed.shape);
        double scale = whole.abs().max().item<float>();
        Assert.True(scale > 0.1, "the logits should not be trivially small");
        double difference = (whole - windowed).abs().max().item<float>();
        Assert.True(difference <= 1e-5 * scale, $"window {string.Join(",", window)}: max difference {difference:E2} (scale {scale:F3})");
    }

    [Theory]
    [MemberData(nameof(Windows))]
    public void Window_input_gradient_equals_the_whole_forward_gradient(int i0, int i1, int j0, int j1, int k0, int k1)
    {
        using var net = Network(seed: 7);
        using var scope = NewDisposeScope();
        var x0 = Input(seed: 8);
        var window = new AxisRange[] { new(i0, i1), new(j0, j1), new(k0, k1) };

        var x = x0.detach().requires_grad_(true);
        var score = net.call(x)[0, 1, TensorIndex.Slice(i0, i1), TensorIndex.Slice(j0, j1), TensorIndex.Slice(k0, k1)].sum();
        var expected = torch.autograd.grad([score], [x])[0];
        var xw = x0.detach().requires_grad_(true);
        var actual = torch.autograd.grad([net.ForwardWindow(xw, window)[0, 1].sum()], [xw])[0];

        double norm = expected.norm().item<float>();
        Assert.True(norm > 0);
        double relative = (actual - expected).norm().item<float>() / norm;
        Assert.True(relative <= 1e-5, $"window {string.Join(",", window)}: relative L2 {relative:E2}");
    }

    [Fact]
    public void Window_is_refused_in_training_mode_and_for_residual_units()
    {
        using var net = Network(seed: 1);
        net.train();
        using var scope = NewDisposeScope();
        var window = new AxisRange[] { new(0, 4), new(0, 4), new(0, 4) };
        Assert.Throws<InvalidOperationException>(() => net.ForwardWindow(Input(seed: 2), window));

        using var residual = new MonaiUNet(new UNetSettings { Channels = [2, 4, 8], Strides = [2, 2], NumResUnits = 1 });
        Assert.False(residual.SupportsWindow);
        Assert.Throws<InvalidOperationException>(() => residual.ForwardWindow(zeros([1, 2, 8, 8, 8]), window));
    }

    [Fact]
    public void Window_outside_the_grid_is_refused()
    {
        using var net = Network(seed: 1);
        using var scope = NewDisposeScope();
        var window = new AxisRange[] { new(0, 4), new(30, 33), new(0, 4) };
        Assert.Throws<ArgumentOutOfRangeException>(() => net.ForwardWindow(Input(seed: 2), window));
    }

    // Four levels as the shipped model, random weights and batch-norm statistics (so normalisation matters), eval mode.
    static MonaiUNet Network(int seed)
    {
        torch.manual_seed(seed);
        var net = new MonaiUNet(new UNetSettings { Channels = [2, 4, 8, 8, 16], Strides = [2, 2, 2, 2] });
        using (no_grad())
        {
            foreach (var (name, buffer) in net.named_buffers())
            {
                if (name.EndsWith("running_mean", StringComparison.Ordinal)) buffer.copy_(randn_like(buffer).mul_(0.3));
                if (name.EndsWith("running_var", StringComparison.Ordinal)) buffer.copy_(rand_like(buffer).add_(0.5));
            }
        }
        net.eval();
        return net;
    }

    // 48 × 32 × 64: multiples of the total stride 16, with the grid edges inside the receptive field.
    static Tensor Input(int seed)
    {
        torch.manual_seed(seed);
        return randn([1, 2, 48, 32, 64]);
    }
}
