using TorchSharp;
using static TorchSharp.torch;

namespace InstanceSaliency.Models.Tests.Runtime;

/// <summary>LibTorch loads from a clean clone on this machine and computes a Conv3d forward and an input gradient correctly.</summary>
public sealed class TorchRuntimeTests
{
    [Fact]
    public void Conv3d_input_gradient_equals_finite_differences()
    {
        using var scope = NewDisposeScope();
        random.manual_seed(7);
        using var conv = nn.Conv3d(2, 3, 3, padding: 1, dtype: ScalarType.Float64);
        var x = randn(new long[] { 1, 2, 6, 5, 4 }, dtype: ScalarType.Float64).requires_grad_(true);
        var weights = randn(new long[] { 1, 3, 6, 5, 4 }, dtype: ScalarType.Float64);
        Tensor Score(Tensor input) => (conv.call(input) * weights).sum();

        var gradient = autograd.grad([Score(x)], [x])[0];

        using (no_grad())
        {
            const double h = 1e-6;
            foreach (var (c, d, hh, w) in new[] { (0, 0, 0, 0), (1, 3, 2, 1), (0, 5, 4, 3), (1, 2, 1, 2) })
            {
                var plus = x.clone(); plus[0, c, d, hh, w] += h;
                var minus = x.clone(); minus[0, c, d, hh, w] -= h;
                double numeric = (Score(plus).item<double>() - Score(minus).item<double>()) / (2 * h);
                double analytic = gradient[0, c, d, hh, w].item<double>();
                Assert.True(Math.Abs(numeric - analytic) < 1e-6 * Math.Max(1, Math.Abs(analytic)), $"voxel ({c},{d},{hh},{w}): autograd {analytic}, finite difference {numeric}");
            }
        }
        Assert.True(gradient.abs().sum().item<double>() > 0);
    }

    [Fact]
    public void Self_check_reports_the_libtorch_version()
    {
        string report = Models.Runtime.TorchRuntime.SelfCheck();
        Assert.Contains("LibTorch 2.10", report);
        Assert.Contains("input gradient ok", report);
    }
}
