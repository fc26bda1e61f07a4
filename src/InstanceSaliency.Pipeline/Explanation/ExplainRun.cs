using InstanceSaliency.Pipeline.Scans;
using InstanceSaliency.Analysis.ExplainFolder;
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
using InstanceSaliency.Saliency.Catalog;
using InstanceSaliency.Saliency.Methods;
using static TorchSharp.torch;

namespace InstanceSaliency.Pipeline.Explanation;

/// <summary>
/// The `ies explain` use case: segment the scan, find the lesion instances (TP/FP, and FN with a ground truth;
/// method.md §3), explain each with the chosen methods (§5–6) through the chosen execution strategy, compute the
/// per-lesion features (§7) and write everything under the output folder (cli-contract.md). Files are written
/// atomically; run.json, written last by the run itself, marks a complete run.
/// </summary>
public sealed class ExplainRun(SegmentationModel model, ComputeContext context, ExplainOptions options)
{
    /// <summary>What a run produced.</summary>
    public sealed record Result(LesionReport Lesions, IReadOnlyList<LesionRow> Rows, IReadOnlyDictionary<string, double> TimingsSeconds);

    public Result Run(ScanPaths scan, string outputFolder, IProgress<ExplainProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(scan);
        CheckSettings();
        var timings = new Dictionary<string, double>();
        var clock = Stopwatch.StartNew();
        void Lap(string step) { timings[step] = clock.Elapsed.TotalSeconds; clock.Restart(); }

        // No progress before the scan passed its checks: bad input prints one error line and nothing else.
        var loaded = LoadedScan.Load(scan);
        var (flairImage, flair, t1, truth) = (loaded.FlairImage, loaded.Flair, loaded.T1, loaded.Truth);
        Lap("read");

        // The warnings go out with the segmenter's first report, once its own input checks passed: bad input stays one error line.
        var segmentation = new Segmenter(model, context).Run(flair, t1, new SegmentationOptions { Threshold = options.Threshold },
            new SegmentationStep(progress, loaded.Warnings), scan.FlairPath, scan.T1Path);
        Lap("segment");

        // Every component is an instance (ids and metrics as `ies lesions`); min-size only picks what is explained.
        var report = LesionAnalysis.Run(segmentation.Mask, truth,
            new LesionInstanceOptions { Connectivity = options.Connectivity }, scan.FlairPath + " (predicted mask)", scan.TruthPath ?? "");
        var chosen = LesionSelection.Choose(report, options.LesionIds, options.MinimumLesionVoxels);
        Lap("lesions");

        // The output-folder rule (README, Conventions): the files of an earlier run are cleared, foreign files kept.
        ExplainFiles.ClearOwned(outputFolder);
        Directory.CreateDirectory(Path.Combine(outputFolder, ExplainFiles.MapsFolder));
        LabelMapFile.Write(report.Labels, report.LabelVoxelType, Path.Combine(outputFolder, ExplainFiles.Labels), flairImage.Header);
        if (report.MissedLabels is { } missed)
            LabelMapFile.Write(missed, report.LabelVoxelType, Path.Combine(outputFolder, ExplainFiles.Missed), flairImage.Header);

        var network = NetworkGridLesions.For(segmentation, report, chosen, flair, t1);
        if (network.Working is not null) WriteWorkingGrid(network, chosen, report.LabelVoxelType, flairImage.Header, outputFolder);
        var (rows, columns) = Explain(chosen, network, segmentation.Probability, flairImage.Header, outputFolder, progress);
        Lap("explain");
        LesionTableFile.Write(Path.Combine(outputFolder, ExplainFiles.LesionTable), columns, rows);
        Lap("write");
        var result = new Result(report, rows, timings);
        // Written last: its presence marks a complete output folder (cli-contract.md).
        RunRecordFile.Write(Path.Combine(outputFolder, ExplainFiles.RunRecord), ExplainRecord.Of(scan, model, options, context.DeviceName, result));
        return result;
    }

    /// <summary>
    /// The option checks that need the model, run before any computation: the settings' own ranges
    /// (<see cref="ExplainOptions.Validate"/>) and, with Grad-CAM++, that the layer it captures exists in the model.
    /// </summary>
    /// <exception cref="Imaging.InvalidInputException">A setting is out of range or names no layer of the model.</exception>
    public void CheckSettings()
    {
        options.Validate();
        if (options.Catalog.Any(m => m.Name == SaliencyMethods.GradCamPlusPlus.Name))
            new AttributionModel(model).Layer(options.CamLayer ?? model.Description.CamLayer);
    }

    (List<LesionRow> Rows, IReadOnlyList<string> Columns) Explain(List<LesionInstance> lesions, NetworkGridLesions network, Volume<float> probability,
        NiftiHeader header, string outputFolder, IProgress<ExplainProgress>? progress)
    {
        var attributionModel = new AttributionModel(model);
        using var input = NetworkInput.From(network.Flair, network.T1, model.SizeMultiple, context.Device);
        ExecutionStrategy strategy = options.Strategy == ExplainStrategy.Naive ? new FullVolumeStrategy() : new ExactCropStrategy();
        var settings = options.MethodSettings(model.Description.CamLayer);
        var methods = options.Catalog.Select(entry => (Entry: entry, Method: entry.Create(settings, input))).ToList();
        var pace = new Pace(lesions, options.Catalog, settings);
        var columns = LesionRow.Columns(methods.Select(m => (m.Entry.Name, m.Method.MapChannels(model.Description.Modalities))), LesionRings.DefaultRingCount);

        if (lesions.Count > 0 && progress is not null)
            progress.Report(new ExplainProgress("estimate", 0, pace.Total, pace.Estimate(Calibrate(attributionModel, strategy, input, network.Voxels(lesions[0])))));

        var rows = new List<LesionRow>();
        foreach (var lesion in lesions)
        {
            // Ω on the grid the network saw: the lesion itself, or its native component mapped there (nearest).
            var omega = network.Voxels(lesion);
            var target = input.Target(lesion.Id, omega);
            var rings = LesionRings.Around(network.Flair.Geometry, omega);
            var row = new LesionRow(lesion, lesion.VoxelIndices.Average(v => (double)probability.Voxels[v]));
            foreach (var (entry, method) in methods)
            {
                string name = entry.Name;
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
                        features[channels[c]] = MapFeatures.Of(volume.Voxels, omega, rings);
                        row.Add(name, channels[c], features[channels[c]]);
                        foreach (var derived in entry.Derived.Where(d => d.SourceChannel == channels[c]))
                            WriteMap(derived.Transform(volume), outputFolder, lesion.Id, name, derived.Channel, header);
                    }
                    if (features.TryGetValue("flair", out var f) && features.TryGetValue("t1", out var t))
                        row.Add($"{name}_flair_share", MapFeatures.FlairShare(f, t));
                }
                pace.Finish(lesion, entry);
            }
            rows.Add(row);
        }
        progress?.Report(new ExplainProgress("done", pace.Total, pace.Total, TimeSpan.Zero));
        return (rows, columns);
    }

    /// <summary>Seconds of one forward+backward pass on a typical crop (the first lesion's), for the up-front estimate.</summary>
    static double Calibrate(AttributionModel model, ExecutionStrategy strategy, NetworkInput input, IReadOnlyList<int> omega)
    {
        var target = input.Target(0, omega);
        strategy.Run(model, new InstanceGradient(), input, target).Dispose(); // warm-up
        var watch = System.Diagnostics.Stopwatch.StartNew();
        strategy.Run(model, new InstanceGradient(), input, target).Dispose();
        return watch.Elapsed.TotalSeconds;
    }

    /// <summary>
    /// The network's input and the explained lesions' Ω on its working grid, written beside the maps so viewers
    /// overlay them on the native FLAIR in world space (the files carry the working grid's affine).
    /// </summary>
    static void WriteWorkingGrid(NetworkGridLesions network, IReadOnlyList<LesionInstance> lesions, LabelVoxelType type, NiftiHeader header, string folder)
    {
        Directory.CreateDirectory(Path.Combine(folder, ExplainFiles.WorkingFolder));
        NiftiFile.Write(network.Flair, Path.Combine(folder, ExplainFiles.WorkingFlair), header);
        NiftiFile.Write(network.T1, Path.Combine(folder, ExplainFiles.WorkingT1), header);
        var labels = new int[network.Flair.Voxels.Length];
        foreach (var lesion in lesions)
            foreach (int v in network.Voxels(lesion)) labels[v] = lesion.Id;
        LabelMapFile.Write(network.Flair.WithVoxels(labels), type, Path.Combine(folder, ExplainFiles.WorkingLabels), header);
    }

    static void WriteMap(Volume<float> map, string folder, int id, string method, string channel, NiftiHeader header) =>
        NiftiFile.Write(map, Path.Combine(folder, ExplainFiles.MapPath(id, method, channel)), header);

    sealed class SegmentationStep(IProgress<ExplainProgress>? target, IReadOnlyList<string> warnings) : IProgress<SegmentationProgress>
    {
        bool _warned;

        public void Report(SegmentationProgress value)
        {
            if (!_warned)
                foreach (string warning in warnings) target?.Report(ExplainProgress.Warning(warning));
            _warned = true;
            target?.Report(new ExplainProgress($"segmenting ({value.Stage})", value.Done, value.Total, null));
        }
    }
}
