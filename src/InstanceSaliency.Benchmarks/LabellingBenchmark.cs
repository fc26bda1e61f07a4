using System.Diagnostics;
using System.Globalization;
using InstanceSaliency.Imaging.Morphology;
using InstanceSaliency.Imaging.Volumes;

namespace InstanceSaliency.Benchmarks;

/// <summary>
/// `ies bench lesions`: times connected-component labelling (issue 3 asks ≤ 150 ms for a 182×218×182 mask) with
/// 6, 18 and 26-connectivity, against the naive flood fill, and checks both give the same labels.
/// </summary>
public static class LabellingBenchmark
{
    /// <summary>Timed runs per connectivity (the median is reported).</summary>
    public const int DefaultRepetitions = 7;

    /// <summary>Benchmarks on a synthetic patient-sized mask (182×218×182, 1 mm, seeded random blobs).</summary>
    public static void Run(TextWriter output) => Run(output, SyntheticLesionMask.PatientSized(), "synthetic 182×218×182 blobs");

    /// <summary>Benchmarks on <paramref name="mask"/> (e.g. a real lesion mask), named <paramref name="name"/> in the output.</summary>
    public static void Run(TextWriter output, Volume<byte> mask, string name, int repetitions = DefaultRepetitions)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(mask);
        if (repetitions < 1)
            throw new ArgumentOutOfRangeException(nameof(repetitions), $"Repetitions must be ≥ 1; got {repetitions}.");
        var c = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(c, $"labelling {name}: {mask.Shape}, {BinaryMask.CountForeground(mask)} foreground voxels, median of {repetitions}"));
        foreach (var connectivity in new[] { Connectivity.Face, Connectivity.FaceEdge, Connectivity.FaceEdgeCorner })
        {
            ComponentLabels? fast = null;
            double fastMs = MedianMs(repetitions, () => fast = ConnectedComponents.Label(mask, connectivity));
            int[]? naive = null;
            double naiveMs = MedianMs(Math.Min(repetitions, 3), () => naive = FloodFillLabelling.Label(mask, connectivity));
            bool same = fast!.Labels.Voxels.AsSpan().SequenceEqual(naive);
            output.WriteLine(string.Create(c,
                $"  {connectivity.Neighbours,2}-connectivity: {fast.Count,5} components  union-find {fastMs,8:F1} ms  flood fill {naiveMs,8:F1} ms  ratio {naiveMs / fastMs,5:F1}×  labels " +
                    $"{(same ? "identical" : "DIFFERENT")}"));
        }
    }

    static double MedianMs(int repetitions, Action run)
    {
        run(); // warm-up: JIT and first-touch page faults
        var times = new double[repetitions];
        for (int r = 0; r < repetitions; r++)
        {
            long start = Stopwatch.GetTimestamp();
            run();
            times[r] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }
        Array.Sort(times);
        return times[repetitions / 2];
    }
}
