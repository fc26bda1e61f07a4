using System.Reflection;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using InstanceSaliency.Imaging;
using InstanceSaliency.Models.Checkpoints;

namespace InstanceSaliency.Analysis.Explanation;

/// <summary>
/// run.json of an explain run (cli-contract.md): the tool version, the model's identity (file hash), every
/// option, the seed, the inputs (with hashes), lesion counts and metrics, and the time of each step.
/// Written last: its presence marks a complete output folder.
/// </summary>
public static class RunRecord
{
    static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>The tool's version (informational version of this assembly).</summary>
    public static string ToolVersion =>
        typeof(RunRecord).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "unknown";

    /// <summary>SHA-256 of a file, lower-case hex.</summary>
    public static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    public static void Write(string path, ExplainRun.Scan scan, SegmentationModel model, ExplainOptions options, string device, ExplainRun.Result result)
    {
        var record = new
        {
            Tool = "InstanceSaliency",
            Version = ToolVersion,
            Command = "explain",
            Inputs = new
            {
                Flair = new { Path = Path.GetFullPath(scan.FlairPath), Sha256 = Sha256(scan.FlairPath) },
                T1 = new { Path = Path.GetFullPath(scan.T1Path), Sha256 = Sha256(scan.T1Path) },
                Truth = scan.TruthPath is null ? null : new { Path = Path.GetFullPath(scan.TruthPath), Sha256 = Sha256(scan.TruthPath) },
            },
            Model = new
            {
                Path = File.Exists(model.Source) ? Path.GetFullPath(model.Source) : model.Source,
                Sha256 = File.Exists(model.Source) ? Sha256(model.Source) : null,
                Format = model.Format.ToString(),
                Description = JsonDocument.Parse(model.Description.ToJson()).RootElement,
            },
            Options = new
            {
                options.Methods,
                Samples = options.SmoothGrad.Samples,
                SamplesMax = options.MaxSamples,
                Noise = options.SmoothGrad.NoiseFractionOfFlairRange,
                options.SmoothGrad.Seed,
                MinSize = options.MinimumLesionVoxels,
                Lesions = options.LesionIds?.Order().ToArray(),
                CamWeights = options.CamWeighting.ToString().ToLowerInvariant(),
                CamLayer = options.CamLayer ?? model.Description.CamLayer,
                options.Strategy,
                Threshold = options.Threshold ?? model.Description.Threshold,
                Device = device,
            },
            Seed = options.SmoothGrad.Seed,
            Lesions = new
            {
                Predicted = result.Lesions.Count,
                Missed = result.Lesions.Missed.Count,
                Explained = result.Rows.Count,
                Metrics = result.Lesions.Metrics,
            },
            TimingsSeconds = result.TimingsSeconds,
        };
        AtomicFile.WriteText(path, JsonSerializer.Serialize(record, Json) + "\n");
    }
}
