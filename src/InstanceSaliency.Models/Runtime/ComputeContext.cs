using InstanceSaliency.Imaging;
using TorchSharp;
using static TorchSharp.torch;

namespace InstanceSaliency.Models.Runtime;

/// <summary>
/// Where and how tensor work runs: device, CPU thread count and random seed travel together in this one object
/// (style.md), never as globals. LibTorch's thread count is process-wide, so <see cref="Apply"/> sets it at the
/// start of each use case.
/// </summary>
public sealed record ComputeContext
{
    /// <summary>CPU, LibTorch's default threads, seed 0.</summary>
    public static ComputeContext Cpu { get; } = new();

    /// <summary>The device networks and tensors live on.</summary>
    public Device Device { get; init; } = CPU;

    /// <summary>CPU threads for LibTorch; null keeps LibTorch's default (one per core).</summary>
    public int? Threads
    {
        get;
        init => field = value is null or >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(Threads), $"Threads must be ≥ 1; got {value}.");
    }

    /// <summary>The device as the user named it (<c>--device</c>), recorded in run.json and cohort plans.</summary>
    public string DeviceName { get; init; } = "cpu";

    /// <summary>Seed of every random stream a use case draws from.</summary>
    public long Seed { get; init; }

    /// <summary>
    /// The context for <c>--device</c> <paramref name="device"/> ("cpu", "cuda" or "cuda:N"); a clear
    /// <see cref="InvalidInputException"/> when CUDA is asked for and this TorchSharp/LibTorch build has none.
    /// </summary>
    public static ComputeContext For(string device, int? threads = null, long seed = 0)
    {
        ArgumentNullException.ThrowIfNull(device);
        string name = device.Trim().ToLowerInvariant();
        if (name == "cpu") return new ComputeContext { DeviceName = device, Threads = threads, Seed = seed };
        if (name == "cuda" || name.StartsWith("cuda:", StringComparison.Ordinal))
        {
            if (!cuda.is_available())
                throw new InvalidInputException(
                    $"--device {device}: CUDA is not available: this build uses the CPU-only LibTorch (libtorch-cpu) or no CUDA GPU/driver is visible. Use --device cpu, or build with the " +
                        $"libtorch-cuda package on a machine with an NVIDIA GPU.");
            int index = 0;
            if (name.Length > 4 && (!int.TryParse(name[5..], out index) || index < 0 || index >= cuda.device_count()))
                throw new InvalidInputException($"--device {device}: no such CUDA device; {cuda.device_count()} visible (cuda:0…).");
            return new ComputeContext { Device = new Device(DeviceType.CUDA, index), DeviceName = device, Threads = threads, Seed = seed };
        }
        throw new InvalidInputException($"--device {device}: expected cpu or cuda (or cuda:N).");
    }

    /// <summary>Applies the thread count to LibTorch (process-wide).</summary>
    public void Apply()
    {
        if (Threads is int n && get_num_threads() != n) set_num_threads(n);
    }
}
