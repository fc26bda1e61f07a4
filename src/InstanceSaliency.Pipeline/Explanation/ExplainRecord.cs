using InstanceSaliency.Pipeline.Scans;
using System.Text.Json;
using InstanceSaliency.Analysis.ExplainFolder;
using InstanceSaliency.Imaging;
using InstanceSaliency.Models.Checkpoints;

namespace InstanceSaliency.Pipeline.Explanation;

/// <summary>The <see cref="RunRecord"/> of one explain run: what run.json records (cli-contract.md).</summary>
static class ExplainRecord
{
    public static RunRecord Of(ScanPaths scan, SegmentationModel model, ExplainOptions options, string device, ExplainRun.Result result) => new()
    {
        Version = RunRecordFile.ToolVersion,
        Inputs = new RunInputFiles(File(scan.FlairPath), File(scan.T1Path), scan.TruthPath is null ? null : File(scan.TruthPath))
        {
            BrainMask = scan.BrainMaskPath is null ? null : File(scan.BrainMaskPath),
        },
        Model = new RunModel(
            System.IO.File.Exists(model.Source) ? Path.GetFullPath(model.Source) : model.Source,
            System.IO.File.Exists(model.Source) ? FileHash.Sha256(model.Source) : null,
            model.Format.ToString(),
            JsonDocument.Parse(model.Description.ToJson()).RootElement),
        Options = new ExplainRecordOptions(
            options.Methods, options.SmoothGrad.Samples, options.MaxSamples, options.SmoothGrad.NoiseFractionOfFlairRange, options.SmoothGrad.Seed,
            options.MinimumLesionVoxels, options.LesionIds?.Order().ToArray(), options.CamWeightingName,
            options.CamLayer ?? model.Description.CamLayer, options.StrategyName, options.Threshold ?? model.Description.Threshold, device, options.Connectivity.Neighbours),
        Seed = options.SmoothGrad.Seed,
        Lesions = new RunLesionCounts(result.Lesions.Count, result.Lesions.Missed.Count, result.Rows.Count, result.Lesions.Metrics),
        TimingsSeconds = result.TimingsSeconds,
        FpFilter = result.FpFilter,
    };

    static RunFile File(string path) => new(Path.GetFullPath(path), FileHash.Sha256(path));
}
