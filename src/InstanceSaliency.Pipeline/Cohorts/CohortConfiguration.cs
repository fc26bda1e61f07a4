using InstanceSaliency.Analysis.ExplainFolder;
using InstanceSaliency.Imaging;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using InstanceSaliency.Pipeline.Explanation;
using InstanceSaliency.Saliency;
using InstanceSaliency.Saliency.Methods;

namespace InstanceSaliency.Pipeline.Cohorts;

/// <summary>
/// Everything that decides a cohort task's outputs besides its input files: the tool's version, the explain
/// settings (the options of `ies explain`), the model (path, or null for the embedded model, and its SHA-256), the
/// seed and the device. Its <see cref="Sha256"/> is recorded in the plan and in every task's completion marker: a
/// task made under another configuration is redone.
/// </summary>
public sealed record CohortConfiguration(
    string ToolVersion,
    IReadOnlyList<string> Methods,
    int Samples,
    int? SamplesMax,
    double NoiseFractionOfFlairRange,
    long Seed,
    int MinimumLesionVoxels,
    string CamWeights,
    string? CamLayer,
    string Strategy,
    double? Threshold,
    string? ModelPath,
    string ModelSha256,
    string Device,
    int Connectivity = 18)
{
    /// <summary>The configuration of <paramref name="options"/> with the given model and device.</summary>
    public static CohortConfiguration Of(ExplainOptions options, string? modelPath, string modelSha256, string device)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.LesionIds is not null) throw new ArgumentException("A cohort explains every lesion; LesionIds must be null.", nameof(options));
        return new CohortConfiguration(RunRecordFile.ToolVersion, options.Methods.ToArray(), options.SmoothGrad.Samples, options.MaxAggregationSamples,
            options.SmoothGrad.NoiseFractionOfFlairRange, options.SmoothGrad.Seed, options.MinimumLesionVoxels,
            options.CamWeightingName, options.CamLayer, options.StrategyName, options.Threshold,
            modelPath is null ? null : Path.GetFullPath(modelPath), modelSha256, device, options.Connectivity.Neighbours);
    }

    /// <summary>The explain options every task of the plan runs with.</summary>
    public ExplainOptions ToExplainOptions() => new()
    {
        Methods = Methods,
        SmoothGrad = new SmoothGradOptions { Samples = Samples, NoiseFractionOfFlairRange = NoiseFractionOfFlairRange, Seed = Seed },
        MaxAggregationSamples = SamplesMax,
        MinimumLesionVoxels = MinimumLesionVoxels,
        CamWeighting = ExplainOptions.ParseCamWeighting(CamWeights) ?? throw new InvalidInputException($"cohort plan: cam weights \"{CamWeights}\" are not local or global."),
        CamLayer = CamLayer,
        Strategy = ExplainOptions.ParseStrategy(Strategy) ?? throw new InvalidInputException($"cohort plan: strategy \"{Strategy}\" is not fast or naive."),
        Threshold = Threshold,
        Connectivity = ConnectivityOf(Connectivity),
    };

    static Imaging.Morphology.Connectivity ConnectivityOf(int neighbours) => neighbours is 6 or 18 or 26
        ? Imaging.Morphology.Connectivity.FromNeighbours(neighbours)
        : throw new InvalidInputException($"cohort plan: connectivity {neighbours} is not 6, 18 or 26.");

    /// <summary>SHA-256 (lower-case hex) of the configuration's compact JSON (properties in declaration order).</summary>
    public string Sha256() => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(this, CohortJson.Compact))));
}
