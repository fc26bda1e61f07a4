using System.Diagnostics;
using InstanceSaliency.Analysis.Features;
using InstanceSaliency.Imaging.Nifti;
using InstanceSaliency.Imaging.Volumes;
using InstanceSaliency.Lesions;
using InstanceSaliency.Models.Checkpoints;
using InstanceSaliency.Models.Runtime;
using InstanceSaliency.Models.Segmentation;
using InstanceSaliency.Saliency;
using InstanceSaliency.Saliency.Execution;
using InstanceSaliency.Saliency.Inputs;
using InstanceSaliency.Saliency.Methods;
using static TorchSharp.torch;

namespace InstanceSaliency.Analysis.Explanation;

/// <summary>
/// The `ies explain` use case: segment the scan, find the lesion instances (TP/FP, and FN with a ground truth;
/// method.md §3), explain each with the chosen methods (§5–6) through the chosen execution strategy, compute the
/// per-lesion features (§7) and write everything under the output folder (cli-contract.md). Files are written
/// atomically; run.json, written last, marks a complete run.
/// </summary>
public sealed class ExplainRun(SegmentationModel model, ComputeContext context, ExplainOptions options)
{
    /// <summary>The inputs of one scan: paths name them in errors and in run.json.</summary>
    public sealed record Scan(string FlairPath, string T1Path, string? TruthPath);

    /// <summary>What a run produced.</summary>
    public sealed record Result(LesionReport Lesions, IReadOnlyList<LesionRow> Rows, IReadOnlyDictionary<string, double> TimingsSeconds);

    public Result Run(Scan scan, string outputFolder, IProgress<ExplainProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(scan);
        options.Validate();
        var timings = new Dictionary<string, double>();
        var clock = Stopwatch.StartNew();
        void Lap(string step) { timings[step] = clock.Elapsed.TotalSeconds; clock.Restart(); }

        progress?.Report(new ExplainProgress("reading", 0, 0, null));
        var flairImage = NiftiFile.Read(scan.FlairPath);
        var flair = flairImage.ToFloatVolume();
        var t1 = NiftiFile.ReadVolume(scan.T1Path);
        var truth = scan.TruthPath is null ? null : NiftiFile.ReadMask(scan.TruthPath);
        flair.RequireSameGrid(t1, scan.FlairPath, scan.T1Path);
        if (truth is not null) flair.RequireSameGrid(truth, scan.FlairPath, scan.TruthPath!);
        Lap("read");

        var segmentation = new Segmenter(model, context).Run(flair, t1, new SegmentationOptions { Threshold = options.Threshold },
            new SegmentationStep(progress), scan.FlairPath, scan.T1Path);
        Lap("segment");

        var report = LesionAnalysis.Run(segmentation.Mask, truth,
            new LesionInstanceOptions { MinimumVoxels = options.MinimumLesionVoxels }, scan.FlairPath + " (predicted mask)", scan.TruthPath ?? "");
        var chosen = Choose(report);
        Lap("lesions");

        Directory.CreateDirectory(Path.Combine(outputFolder, "maps"));
        LabelMapFile.Write(report.Labels, report.LabelVoxelType, Path.Combine(outputFolder, "labels.nii.gz"), flairImage.Header);
        if (report.MissedLabels is { } missed)
            LabelMapFile.Write(missed, report.LabelVoxelType, Path.Combine(outputFolder, "missed.nii.gz"), flairImage.Header);

        var (rows, columns) = Explain(chosen, flair, t1, segmentation.Probability, flairImage.Header, outputFolder, progress);
        Lap("explain");
        LesionTable.Write(Path.Combine(outputFolder, "lesions.tsv"), columns, rows);
        Lap("write");
        return new Result(report, rows, timings);
    }

    static string Ids(IReadOnlyList<LesionInstance> lesions, string kind) =>
        lesions.Count == 0 ? $"no {kind} lesion" : $"{lesions[0].Id}–{lesions[^1].Id} {kind}";

    List<LesionInstance> Choose(LesionReport report)
    {
        var all = report.Lesions.Concat(report.Missed.Where(m => m.VoxelCount >= options.MinimumLesionVoxels)).ToList();
        if (options.LesionIds is null) return all;
        var known = report.Lesions.Concat(report.Missed).Select(l => l.Id).ToHashSet();
        foreach (int id in options.LesionIds)
            if (!known.Contains(id))
                throw new Imaging.InvalidInputException(
                    $"--lesions: no lesion has id {id}; this scan's ids are {Ids(report.Lesions, "predicted")}, {Ids(report.Missed, "missed")}.");
        return report.Lesions.Concat(report.Missed).Where(l => options.LesionIds.Contains(l.Id)).ToList();
    }

    (List<LesionRow> Rows, IReadOnlyList<string> Columns) Explain(List<LesionInstance> lesions, Volume<float> flair, Volume<float> t1, Volume<float> probability,
        NiftiHeader header, string outputFolder, IProgress<ExplainProgress>? progress)
    {
        var attributionModel = new AttributionModel(model);
        using var input = NetworkInput.From(flair, t1, model.SizeMultiple, context.Device);
        var grid = (input.Padded.shape[2], input.Padded.shape[3], input.Padded.shape[4]);
        ExecutionStrategy strategy = options.Strategy == "naive" ? new FullVolumeStrategy() : new ExactCropStrategy();
        var methods = options.Methods.Select(name => (Name: name, Method: Create(name, input.FlairRange, grid))).ToList();
        var pace = new Pace(lesions, methods.Select(m => m.Name).ToList(), options);
        var columns = LesionRow.Columns(methods.Select(m => (m.Name, m.Method.MapChannels(model.Description.Modalities))), LesionRings.DefaultRingCount);

        if (lesions.Count > 0 && progress is not null)
            progress.Report(new ExplainProgress("estimate", 0, pace.Total, pace.Estimate(Calibrate(attributionModel, strategy, input, lesions[0]))));

        var rows = new List<LesionRow>();
        foreach (var lesion in lesions)
        {
            var target = input.Target(lesion.Id, lesion.VoxelIndices);
            var rings = LesionRings.Around(flair.Geometry, lesion.VoxelIndices);
            var row = new LesionRow(lesion, lesion.VoxelIndices.Average(v => (double)probability.Voxels[v]));
            foreach (var (name, method) in methods)
            {
                progress?.Report(new ExplainProgress($"lesion {lesion.Id} {name}", pace.Done, pace.Total, pace.Remaining));
                using (var scope = NewDisposeScope())
                {
                    var map = strategy.Run(attributionModel, method, input, target);
                    var channels = method.MapChannels(model.Description.Modalities);
                    var features = new Dictionary<string, MapFeatures>();
                    for (int c = 0; c < channels.Count; c++)
                    {
                        var volume = input.ToVolume(map[c]);
                        WriteMap(volume, outputFolder, lesion.Id, name, channels[c], header);
                        features[channels[c]] = MapFeatures.Of(volume.Voxels, lesion.VoxelIndices, rings);
                        row.Add(name, channels[c], features[channels[c]]);
                        if (channels[c] == "cam") WriteMap(Normalised(volume), outputFolder, lesion.Id, name, "cam-normalised", header);
                    }
                    if (features.TryGetValue("flair", out var f) && features.TryGetValue("t1", out var t))
                        row.Add($"{name}_flair_share", MapFeatures.FlairShare(f, t));
                }
                pace.Finish(lesion, name);
            }
            rows.Add(row);
        }
        progress?.Report(new ExplainProgress("done", pace.Total, pace.Total, TimeSpan.Zero));
        return (rows, columns);
    }

    /// <summary>Seconds of one forward+backward pass on a typical crop (the first lesion's), for the up-front estimate.</summary>
    static double Calibrate(AttributionModel model, ExecutionStrategy strategy, NetworkInput input, LesionInstance lesion)
    {
        var target = input.Target(lesion.Id, lesion.VoxelIndices);
        strategy.Run(model, new InstanceGradient(), input, target).Dispose(); // warm-up
        var watch = System.Diagnostics.Stopwatch.StartNew();
        strategy.Run(model, new InstanceGradient(), input, target).Dispose();
        return watch.Elapsed.TotalSeconds;
    }

    IAttributionMethod Create(string name, double flairRange, (long, long, long) grid) => name switch
    {
        SaliencyMethodNames.SmoothGrad => SmoothGrad.Of(Aggregation.Average, options.SmoothGrad, flairRange, grid),
        SaliencyMethodNames.SmoothGradMax => SmoothGrad.Of(Aggregation.Max,
            options.SmoothGrad with { Samples = options.MaxSamples }, flairRange, grid),
        _ => new GradCamPlusPlus(options.CamLayer ?? model.Description.CamLayer, options.CamWeighting),
    };

    /// <summary>The map divided by its maximum; all zeros stays zeros (method.md §6).</summary>
    static Volume<float> Normalised(Volume<float> map)
    {
        float max = map.Voxels.Max();
        return max > 0 ? map.Map(v => v / max) : map;
    }

    static void WriteMap(Volume<float> map, string folder, int id, string method, string channel, NiftiHeader header) =>
        NiftiFile.Write(map, Path.Combine(folder, "maps", MapFileName(id, method, channel)), header);

    /// <summary>maps/lesion-&lt;id4&gt;_&lt;method&gt;_&lt;channel&gt;.nii.gz (cli-contract.md).</summary>
    public static string MapFileName(int id, string method, string channel) => $"lesion-{id:D4}_{method}_{channel}.nii.gz";

    sealed class SegmentationStep(IProgress<ExplainProgress>? target) : IProgress<SegmentationProgress>
    {
        public void Report(SegmentationProgress value) =>
            target?.Report(new ExplainProgress($"segmenting ({value.Stage})", value.Done, value.Total, null));
    }
}
