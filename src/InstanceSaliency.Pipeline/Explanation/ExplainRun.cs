using InstanceSaliency.Pipeline.Scans;
using InstanceSaliency.Pipeline.FalsePositives;
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
    public sealed record Result(LesionReport Lesions, IReadOnlyList<LesionRow> Rows, IReadOnlyDictionary<string, double> TimingsSeconds)
    {
        /// <summary>What the false-positive filter did (run.json "fp_filter"); null without <see cref="Filter"/>.</summary>
        public RunFpFilter? FpFilter { get; init; }
    }

    /// <summary>
    /// The model's false-positive filter (`explain --fp-filter`, issue 17), or null: flagged predicted lesions are dropped from
    /// labels.nii.gz (the others keep their ids) into filtered.nii.gz, and stay in lesions.tsv with <c>filtered</c> true.
    /// </summary>
    public FalsePositiveFilter? Filter { get; init; }

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
        var filtered = Filter is null ? null : FilterVerdicts.Run(model, context, Filter, segmentation, report, flair, t1, scan.FlairPath);
        if (filtered is not null) Lap("fp-filter");

        // The output-folder rule (README, Conventions): the files of an earlier run are cleared, foreign files kept.
        ExplainFiles.ClearOwned(outputFolder);
        Directory.CreateDirectory(Path.Combine(outputFolder, ExplainFiles.MapsFolder));
        var flagged = filtered?.Flagged.Select(l => l.Id).ToHashSet() ?? [];
        var labels = filtered is null ? report.Labels : report.Labels.Map(id => flagged.Contains(id) ? 0 : id);
        LabelMapFile.Write(labels, report.LabelVoxelType, Path.Combine(outputFolder, ExplainFiles.Labels), flairImage.Header);
        if (filtered is not null)
            LabelMapFile.Write(report.Labels.Map(id => flagged.Contains(id) ? id : 0), report.LabelVoxelType, Path.Combine(outputFolder, ExplainFiles.Filtered), flairImage.Header);
        if (report.MissedLabels is { } missed)
            LabelMapFile.Write(missed, report.LabelVoxelType, Path.Combine(outputFolder, ExplainFiles.Missed), flairImage.Header);

        var network = NetworkGridLesions.For(segmentation, report, chosen, flair, t1);
        if (network.Working is not null) WriteWorkingGrid(network, chosen, report.LabelVoxelType, flairImage.Header, outputFolder);
        var (rows, columns) = Explain(chosen, network, segmentation.Probability, flairImage.Header, outputFolder, progress);
        Lap("explain");
        LesionTableFile.Write(Path.Combine(outputFolder, ExplainFiles.LesionTable), columns, rows, filtered?.Verdicts);
        Lap("write");
        var result = new Result(report, rows, timings)
        {
            FpFilter = filtered is null ? null : new RunFpFilter(Filter!.Threshold, Filter.Features, report.Count, flagged.Count, [.. flagged.Order()],
                truth is null ? null : LesionAnalysis.Run(FilterVerdicts.Drop(segmentation.Mask, filtered.Flagged), truth, report.Options).Metrics),
        };
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
        var settings = options.MethodSettings(model.Description.CamLayer);
        using var saliency = new LesionSaliency(model, context, network, options.Catalog, settings, options.Strategy);
        var pace = new Pace(lesions, options.Catalog, settings);

        if (lesions.Count > 0 && progress is not null)
            progress.Report(new ExplainProgress("estimate", 0, pace.Total, pace.Estimate(saliency.Calibrate(lesions[0]))));

        var rows = new List<LesionRow>();
        foreach (var lesion in lesions)
        {
            void Map(SaliencyMethod entry, string channel, Volume<float> volume)
            {
                WriteMap(volume, outputFolder, lesion.Id, entry.Name, channel, header);
                foreach (var derived in entry.Derived.Where(d => d.SourceChannel == channel))
                    WriteMap(derived.Transform(volume), outputFolder, lesion.Id, entry.Name, derived.Channel, header);
            }
            rows.Add(saliency.Explain(lesion, lesion.VoxelIndices.Average(v => (double)probability.Voxels[v]),
                entry =>
                {
                    pace.Start();
                    progress?.Report(new ExplainProgress($"lesion {lesion.Id} {entry.Name}", pace.Done, pace.Total, pace.Remaining, pace.RowsPerSecond));
                },
                Map, entry => pace.Finish(lesion, entry)));
        }
        progress?.Report(new ExplainProgress("done", pace.Total, pace.Total, TimeSpan.Zero));
        return (rows, saliency.Columns);
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
