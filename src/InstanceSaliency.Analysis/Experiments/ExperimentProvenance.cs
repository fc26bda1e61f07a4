using System.Text.Json.Nodes;
using InstanceSaliency.Analysis.Explanation;
using InstanceSaliency.Models.Checkpoints;

namespace InstanceSaliency.Analysis.Experiments;

/// <summary>The head of every experiment's summary.json: tool version, inputs and model with their SHA-256, the seed.</summary>
public static class ExperimentProvenance
{
    public static JsonObject Of(ExperimentScan.Paths paths, SegmentationModel model, long seed)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(model);
        static JsonObject File(string path) => new() { ["path"] = Path.GetFullPath(path), ["sha256"] = RunRecord.Sha256(path) };
        return new JsonObject
        {
            ["version"] = RunRecord.ToolVersion,
            ["flair"] = File(paths.FlairPath),
            ["t1"] = File(paths.T1Path),
            ["truth"] = paths.TruthPath is null ? null : File(paths.TruthPath),
            ["model"] = new JsonObject { ["source"] = model.Source, ["sha256"] = System.IO.File.Exists(model.Source) ? RunRecord.Sha256(model.Source) : null },
            ["seed"] = seed,
        };
    }
}
