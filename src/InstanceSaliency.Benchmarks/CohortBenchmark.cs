using InstanceSaliency.Pipeline.Scans;
using InstanceSaliency.Saliency.Catalog;
using InstanceSaliency.Analysis.ExplainFolder;
using InstanceSaliency.Pipeline.Cohorts;
using InstanceSaliency.Imaging;
using System.Diagnostics;
using System.Globalization;
using InstanceSaliency.Pipeline.Datasets;
using InstanceSaliency.Pipeline.Explanation;
using InstanceSaliency.Models.Runtime;
using InstanceSaliency.Saliency;

namespace InstanceSaliency.Benchmarks;

/// <summary>
/// `ies bench cohort`: what one cohort worker costs with the default methods on a real scan: time per scan (so scans
/// per hour per worker) and the worker process's peak resident memory. First one cohort task as a worker runs it
/// (plan, <see cref="CohortRun"/>, marker) with SmoothGrad (average) and Grad-CAM++ at the default N, timed per
/// phase. The max aggregation costs one backward pass per lesion voxel per sample (hours per scan at the default
/// N = 50), so it is timed on the few smallest lesions with few samples and extrapolated to every explained lesion
/// voxel and the default N (cost ∝ voxels × samples, method.md §5); the output says what was measured and what
/// extrapolated.
/// </summary>
public static class CohortBenchmark
{
    /// <summary>Samples of the measured SmoothGrad average (null: explain's default); lesions and samples the max aggregation is timed on.</summary>
    public sealed record Settings(int? Samples = null, int MaxLesions = 3, int SamplesMax = 1, string Device = "cpu", int? Threads = null);

    public static void Run(string? modelPath, ScanPaths scan, Settings settings, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(scan);
        ArgumentNullException.ThrowIfNull(settings);
        var c = CultureInfo.InvariantCulture;
        var defaults = new ExplainOptions();
        int samples = settings.Samples ?? defaults.SmoothGrad.Samples, nDefault = defaults.SmoothGrad.Samples, nMaxDefault = defaults.MaxSamples;
        var measured = defaults with
        {
            Methods = [SaliencyMethods.SmoothGrad.Name, SaliencyMethods.GradCamPlusPlus.Name],
            SmoothGrad = defaults.SmoothGrad with { Samples = samples },
        };
        string model = Models.Checkpoints.EmbeddedModel.Resolve(modelPath);
        var configuration = CohortConfiguration.Of(measured, modelPath, FileHash.Sha256(model), settings.Device);
        string folder = Path.Combine(Path.GetTempPath(), $"ies-bench-cohort-{Guid.NewGuid():N}");
        try
        {
            var plan = CohortPlan.Of("bench", configuration, [new CohortScan("sub-bench", "bench", null, Path.GetFullPath(scan.FlairPath), Path.GetFullPath(scan.T1Path),
                scan.TruthPath is null ? null : Path.GetFullPath(scan.TruthPath))]);
            plan.Write(folder);
            var context = ComputeContext.For(settings.Device, settings.Threads, configuration.Seed);
            context.Apply();
            var task = new PhaseClock();
            var max = new PhaseClock();
            List<(int Id, long Voxels)> lesions;
            List<(int Id, long Voxels)> timed;
            using (var network = CohortRun.LoadModel(plan, context))
            {
                task.Switch("load");
                var summary = new CohortRun(plan, folder).Run(Shard.All, network, context, new CohortSteps(task));
                task.Switch("end");
                if (summary.Done != 1) throw new InvalidOperationException($"the benchmark task did not complete: {string.Join("; ", summary.Failed)}");
                var table = LesionTableFile.Read(Path.Combine(plan.Tasks[0].FolderIn(folder), ExplainFiles.LesionTable));
                int voxels = table.NumericColumns.ToList().IndexOf("voxels");
                lesions = table.Rows.Select(r => (r.Id, (long)r.Values[voxels])).ToList();
                timed = lesions.OrderBy(l => l.Voxels).ThenBy(l => l.Id).Take(settings.MaxLesions).ToList();
                if (timed.Count > 0)
                {
                    var maxOptions = defaults with
                    {
                        Methods = [SaliencyMethods.SmoothGradMax.Name],
                        MaxAggregationSamples = settings.SamplesMax,
                        LesionIds = timed.Select(l => l.Id).ToHashSet(),
                    };
                    new ExplainRun(network, context, maxOptions).Run(plan.Tasks[0].Scan, Path.Combine(folder, "max"), new ExplainSteps(max));
                    max.Switch("end");
                }
            }
            double peakGiB = Process.GetCurrentProcess().PeakWorkingSet64 / (double)(1L << 30);

            var s = task.Seconds;
            double Get(string phase) => s.GetValueOrDefault(phase);
            double other = s.Where(p => !SaliencyMethods.Names.Contains(p.Key) && p.Key is not ("load" or "start")).Sum(p => p.Value);
            double sg = Get(SaliencyMethods.SmoothGrad.Name), cam = Get(SaliencyMethods.GradCamPlusPlus.Name);
            double sgDefault = sg * nDefault / samples;
            long allVoxels = lesions.Sum(l => l.Voxels), timedVoxels = timed.Sum(l => l.Voxels);
            double maxSeconds = max.Seconds.GetValueOrDefault(SaliencyMethods.SmoothGradMax.Name);
            double perVoxelSample = timedVoxels == 0 ? 0 : maxSeconds / timedVoxels / settings.SamplesMax;
            double maxDefault = perVoxelSample * allVoxels * nMaxDefault;
            double measuredTotal = other + sg + cam, defaultTotal = other + sgDefault + cam + maxDefault;

            output.WriteLine(string.Create(c,
                $"cohort benchmark: one worker ({TorchSharp.torch.get_num_threads()} LibTorch threads, {settings.Device}) on {scan.FlairPath}; load average at the end {LoadAverage()}"));
            output.WriteLine(string.Create(c, $"  {lesions.Count} lesion(s) explained ({allVoxels} voxels); model loaded in {Get("load"):F1} s"));
            output.WriteLine(string.Create(c, $"  measured, one cohort task with smoothgrad (N = {samples}) + gradcampp: {measuredTotal:F1} s per scan = {3600 / measuredTotal:F1} scans/hour/worker " +
                $"(read+segment+lesions+write+marker {other:F1} s, smoothgrad {sg:F1} s, gradcampp {cam:F1} s)"));
            output.WriteLine(string.Create(c,
                $"  measured, smoothgrad-max on the {timed.Count} smallest lesion(s) ({timedVoxels} voxels) with N = {settings.SamplesMax}: {maxSeconds:F1} s = {perVoxelSample * 1000:F0} ms per " +
                    $"lesion voxel and sample"));
            output.WriteLine(string.Create(c,
                $"  defaults (smoothgrad N = {nDefault}, smoothgrad-max N = {nMaxDefault}, gradcampp){(samples == nDefault ? "" : ", smoothgrad scaled linearly in N")}, smoothgrad-max " +
                    $"extrapolated to {allVoxels} voxels × {nMaxDefault} samples: " +
                $"{defaultTotal:F0} s per scan ({defaultTotal / 3600:F1} h) = {3600 / defaultTotal:F3} scans/hour/worker (smoothgrad {sgDefault:F0} s, smoothgrad-max {maxDefault:F0} s)"));
            output.WriteLine(string.Create(c,
                $"  without smoothgrad-max (--methods smoothgrad,gradcampp at N = {nDefault}): {other + sgDefault + cam:F0} s per scan = {3600 / (other + sgDefault + cam):F1} scans/hour/worker"));
            output.WriteLine(string.Create(c, $"  peak memory of the worker process (resident, VmHWM): {peakGiB:F2} GiB"));
        }
        finally
        {
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
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

        /// <summary>"lesion 3 smoothgrad-max [4/9]" is the method's phase; anything else "other".</summary>
        public void SwitchOn(string step)
        {
            var words = step.Split(' ');
            Switch(words.Length >= 3 && words[0] == "lesion" ? words[2] : "other");
        }
    }

    sealed class CohortSteps(PhaseClock phases) : IProgress<CohortProgress>
    {
        public void Report(CohortProgress value) => phases.SwitchOn(value.Message);
    }

    sealed class ExplainSteps(PhaseClock phases) : IProgress<ExplainProgress>
    {
        public void Report(ExplainProgress value) => phases.SwitchOn(value.Step);
    }
}
