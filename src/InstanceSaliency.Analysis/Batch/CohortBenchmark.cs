using System.Diagnostics;
using System.Globalization;
using InstanceSaliency.Analysis.Datasets;
using InstanceSaliency.Analysis.Explanation;
using InstanceSaliency.Models.Runtime;
using InstanceSaliency.Saliency;

namespace InstanceSaliency.Analysis.Batch;

/// <summary>
/// `ies bench cohort`: one cohort task (plan, <see cref="CohortRun"/>, marker: the path a worker takes) on a real
/// scan with the default explain methods, timed per phase, with the worker process's peak resident memory. The
/// max aggregation costs one backward pass per lesion voxel per sample (hours per scan at the default N = 50), so
/// by default SmoothGrad is measured with fewer samples and its time scaled linearly to the default N (each sample
/// is the same work); the output says what was measured and what extrapolated.
/// </summary>
public static class CohortBenchmark
{
    /// <summary>Samples the benchmark runs with (null: the default of explain); the report scales to <see cref="SmoothGradOptions.DefaultSamples"/>.</summary>
    public sealed record Settings(int? Samples = null, int? SamplesMax = 1, string Device = "cpu", int? Threads = null);

    public static void Run(string? modelPath, ExplainRun.Scan scan, Settings settings, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(scan);
        ArgumentNullException.ThrowIfNull(settings);
        var defaults = new ExplainOptions();
        int samples = settings.Samples ?? defaults.SmoothGrad.Samples, samplesMax = settings.SamplesMax ?? samples;
        var measured = defaults with { SmoothGrad = defaults.SmoothGrad with { Samples = samples }, MaxAggregationSamples = samplesMax };
        string model = Models.Checkpoints.EmbeddedModel.Resolve(modelPath);
        var configuration = CohortConfiguration.Of(measured, modelPath, RunRecord.Sha256(model), settings.Device);
        string folder = Path.Combine(Path.GetTempPath(), $"ies-bench-cohort-{Guid.NewGuid():N}");
        try
        {
            var plan = CohortPlan.Of("bench", configuration, [new CohortScan("sub-bench", "bench", null, Path.GetFullPath(scan.FlairPath), Path.GetFullPath(scan.T1Path),
                scan.TruthPath is null ? null : Path.GetFullPath(scan.TruthPath))]);
            plan.Write(folder);
            var context = ComputeContext.For(settings.Device, settings.Threads, configuration.Seed);
            context.Apply();
            var phases = new PhaseClock();
            using (var network = CohortRun.LoadModel(plan, context))
            {
                phases.Switch("load");
                var summary = new CohortRun(plan, folder).Run(Shard.All, network, context, new Progress(phases));
                phases.Switch("end");
                if (summary.Done != 1) throw new InvalidOperationException($"the benchmark task did not complete: {string.Join("; ", summary.Failed)}");
            }
            Report(output, scan, plan, folder, phases.Seconds, samples, samplesMax, defaults);
        }
        finally
        {
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }

    static void Report(TextWriter output, ExplainRun.Scan scan, CohortPlan plan, string folder, IReadOnlyDictionary<string, double> seconds,
        int samples, int samplesMax, ExplainOptions defaults)
    {
        var c = CultureInfo.InvariantCulture;
        double Get(string phase) => seconds.GetValueOrDefault(phase);
        var task = plan.Tasks[0];
        var lesions = File.ReadAllLines(Path.Combine(task.FolderIn(folder), "lesions.tsv")).Skip(1).Select(l => l.Split('\t')).ToList();
        long voxels = lesions.Sum(l => long.Parse(l[2], c));
        double peakGiB = Process.GetCurrentProcess().PeakWorkingSet64 / (double)(1L << 30);
        double other = seconds.Where(p => !SaliencyMethodNames.All.Contains(p.Key) && p.Key is not ("load" or "start")).Sum(p => p.Value);
        double wall = other + SaliencyMethodNames.All.Sum(Get);
        int nDefault = defaults.SmoothGrad.Samples, nMaxDefault = defaults.MaxAggregationSamples ?? nDefault;
        double sg = Get(SaliencyMethodNames.SmoothGrad) * nDefault / samples, sgMax = Get(SaliencyMethodNames.SmoothGradMax) * nMaxDefault / samplesMax;
        double extrapolated = other + Get(SaliencyMethodNames.GradCamPlusPlus) + sg + sgMax;
        output.WriteLine(string.Create(c, $"cohort benchmark: one task (one worker, {TorchSharp.torch.get_num_threads()} LibTorch threads) on {scan.FlairPath}; load average {LoadAverage()}"));
        output.WriteLine(string.Create(c, $"  {lesions.Count} lesion(s) explained ({voxels} voxels), methods {string.Join(",", defaults.Methods)}; model loaded in {Get("load"):F1} s"));
        output.WriteLine(string.Create(c, $"  measured with smoothgrad N = {samples}, smoothgrad-max N = {samplesMax}: {wall:F1} s per scan = {3600 / wall:F1} scans/hour/worker " +
            $"(read+segment+lesions+write {other:F1} s, smoothgrad {Get(SaliencyMethodNames.SmoothGrad):F1} s, smoothgrad-max {Get(SaliencyMethodNames.SmoothGradMax):F1} s, gradcampp {Get(SaliencyMethodNames.GradCamPlusPlus):F1} s)"));
        string how = samples == nDefault && samplesMax == nMaxDefault ? "measured" : "extrapolated linearly in the samples";
        output.WriteLine(string.Create(c, $"  defaults (N = {nDefault}, max N = {nMaxDefault}), {how}: {extrapolated:F0} s per scan ({extrapolated / 3600:F2} h) = {3600 / extrapolated:F2} scans/hour/worker " +
            $"(smoothgrad {sg:F0} s, smoothgrad-max {sgMax:F0} s)"));
        output.WriteLine(string.Create(c, $"  peak memory of the worker process (resident, VmHWM): {peakGiB:F2} GiB"));
    }

    static string LoadAverage()
    {
        try { return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)); }
        catch (IOException) { return "unknown"; }
    }

    /// <summary>Seconds spent in each phase: the saliency methods by name, the rest by step.</summary>
    sealed class PhaseClock
    {
        readonly Stopwatch _clock = Stopwatch.StartNew();
        string _phase = "start";
        public Dictionary<string, double> Seconds { get; } = [];

        public void Switch(string phase)
        {
            Seconds[_phase] = Seconds.GetValueOrDefault(_phase) + _clock.Elapsed.TotalSeconds;
            _clock.Restart();
            _phase = phase;
        }
    }

    /// <summary>Maps cohort progress ("lesion 3 smoothgrad-max [4/9]") to phases.</summary>
    sealed class Progress(PhaseClock phases) : IProgress<CohortProgress>
    {
        public void Report(CohortProgress value)
        {
            var words = value.Message.Split(' ');
            phases.Switch(words.Length >= 3 && words[0] == "lesion" ? words[2] : "other");
        }
    }
}
