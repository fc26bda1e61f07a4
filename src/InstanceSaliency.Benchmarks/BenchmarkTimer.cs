using System.Diagnostics;

namespace InstanceSaliency.Benchmarks;

/// <summary>Times repeated runs of an action and reports the median, after one warm-up run.</summary>
public static class BenchmarkTimer
{
    /// <summary>Median wall time in seconds over <paramref name="repeats"/> runs (one untimed warm-up first).</summary>
    public static double MedianSeconds(int repeats, Action action)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(repeats, 1);
        action();
        var times = new double[repeats];
        for (int r = 0; r < repeats; r++)
        {
            var watch = Stopwatch.StartNew();
            action();
            times[r] = watch.Elapsed.TotalSeconds;
        }
        return Median(times);
    }

    /// <summary>The median of <paramref name="values"/>; the mean of the two middle values for an even count.</summary>
    public static double Median(IList<double> values)
    {
        ArgumentOutOfRangeException.ThrowIfZero(values.Count);
        var sorted = values.Order().ToArray();
        int n = sorted.Length;
        return n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
    }

    /// <summary>Peak working set of this process so far, in MiB.</summary>
    public static double PeakWorkingSetMiB()
    {
        using var process = Process.GetCurrentProcess();
        return process.PeakWorkingSet64 / (1024.0 * 1024.0);
    }
}
