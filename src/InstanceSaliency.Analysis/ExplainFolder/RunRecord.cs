using System.Text.Json;
using System.Text.Json.Serialization;
using InstanceSaliency.Lesions;

namespace InstanceSaliency.Analysis.ExplainFolder;

/// <summary>
/// run.json of an explain run (cli-contract.md), as written and read back (<see cref="RunRecordFile"/>): the tool
/// and its version, the inputs with their SHA-256, the model, every option, the seed, lesion counts and metrics, and
/// the time of each step. Members a reader does not find are null.
/// </summary>
public sealed record RunRecord
{
    public string? Tool { get; init; } = "InstanceSaliency";
    public string? Version { get; init; }
    public string? Command { get; init; } = "explain";
    public RunInputFiles? Inputs { get; init; }
    public RunModel? Model { get; init; }
    public ExplainRecordOptions? Options { get; init; }
    public long? Seed { get; init; }
    public RunLesionCounts? Lesions { get; init; }
    public IReadOnlyDictionary<string, double>? TimingsSeconds { get; init; }

    /// <summary>The model's false-positive filter as this run applied it (`explain --fp-filter`); absent (not null) without it.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public RunFpFilter? FpFilter { get; init; }
}

/// <summary>
/// run.json "fp_filter": the filter's threshold on P(FP) and features, how many predicted lesions it saw and dropped (their
/// ids, as in lesions.tsv and filtered.nii.gz), and with a ground truth the metrics of method.md §3 over every component
/// of the mask after dropping them ("lesions.metrics" stays the unfiltered segmentation's).
/// </summary>
public sealed record RunFpFilter(double Threshold, IReadOnlyList<string> Features, int Predicted, int Filtered, IReadOnlyList<int> FilteredIds, SegmentationMetrics? MetricsAfter);

/// <summary>A file an explain run read: its absolute path and SHA-256 (lower-case hex).</summary>
public sealed record RunFile(string? Path, string? Sha256);

/// <summary>The scan's files; <see cref="Truth"/> is null without a ground truth.</summary>
public sealed record RunInputFiles(RunFile? Flair, RunFile? T1, RunFile? Truth)
{
    /// <summary>The brain mask given with --brain-mask; absent (null) without one.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public RunFile? BrainMask { get; init; }
}

/// <summary>The model: its file (or embedded name), SHA-256 (null when not a file), format and description (the sidecar schema).</summary>
public sealed record RunModel(string? Path, string? Sha256, string? Format, JsonElement? Description);

/// <summary>The explain options as recorded, under their command-line names (cli-contract.md).</summary>
public sealed record ExplainRecordOptions(
    IReadOnlyList<string>? Methods, int? Samples, int? SamplesMax, double? Noise, long? Seed, int? MinSize, int[]? Lesions,
    string? CamWeights, string? CamLayer, string? Strategy, double? Threshold, string? Device, int? Connectivity = null);

/// <summary>
/// Predicted and missed lesions (every component, whatever the minimum size), how many were explained, and the
/// metrics of method.md §3 over every component (null without truth): those `ies lesions --truth` gives on the
/// same masks.
/// </summary>
public sealed record RunLesionCounts(int Predicted, int Missed, int Explained, SegmentationMetrics? Metrics);
