using InstanceSaliency.Pipeline.Scans;
using InstanceSaliency.Analysis.ExplainFolder;
using InstanceSaliency.Imaging;
using System.Text.Json.Nodes;
using InstanceSaliency.Pipeline.Explanation;
using InstanceSaliency.Models.Checkpoints;

namespace InstanceSaliency.Pipeline.Experiments;

/// <summary>
/// The head of every experiment's summary.json: tool version, inputs and model with their SHA-256, the seed, and the
/// neighbourhood the scan's lesion instances were formed with (`connectivity`: 6, 18 or 26, as run.json records it).
/// </summary>
public static class ExperimentProvenance
{
    public static JsonObject Of(ScanPaths paths, SegmentationModel model, long seed, ExperimentScan scan)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(scan);
        static JsonObject File(string path) => new() { ["path"] = Path.GetFullPath(path), ["sha256"] = FileHash.Sha256(path) };
        return new JsonObject
        {
            ["version"] = RunRecordFile.ToolVersion,
            ["flair"] = File(paths.FlairPath),
            ["t1"] = File(paths.T1Path),
            ["truth"] = paths.TruthPath is null ? null : File(paths.TruthPath),
            ["model"] = new JsonObject { ["source"] = model.Source, ["sha256"] = System.IO.File.Exists(model.Source) ? FileHash.Sha256(model.Source) : null },
            ["seed"] = seed,
            ["connectivity"] = scan.Lesions.Options.Connectivity.Neighbours,
        };
    }
}
