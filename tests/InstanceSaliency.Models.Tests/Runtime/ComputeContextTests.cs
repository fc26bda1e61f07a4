using InstanceSaliency.Imaging;
using InstanceSaliency.Models.Runtime;
using static TorchSharp.torch;

namespace InstanceSaliency.Models.Tests.Runtime;

public class ComputeContextTests
{
    [Fact]
    public void Cpu_device_is_accepted()
    {
        var context = ComputeContext.For("cpu", threads: 2, seed: 7);
        Assert.Equal(TorchSharp.DeviceType.CPU, context.Device.type);
        Assert.Equal(7, context.Seed);
    }

    [Fact]
    public void Cuda_without_cuda_is_an_error_pointing_to_cpu()
    {
        if (cuda.is_available()) return; // only meaningful on a CPU-only build
        var e = Assert.Throws<InvalidInputException>(() => ComputeContext.For("cuda"));
        Assert.Contains("--device cuda", e.Message);
        Assert.Contains("--device cpu", e.Message);
    }

    [Fact]
    public void Unknown_device_is_an_error() =>
        Assert.Contains("expected cpu or cuda", Assert.Throws<InvalidInputException>(() => ComputeContext.For("tpu")).Message);
}
