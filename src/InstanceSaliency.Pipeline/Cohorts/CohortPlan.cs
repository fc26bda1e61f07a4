using System.Text.Json;
using InstanceSaliency.Pipeline.Datasets;
using InstanceSaliency.Imaging;

namespace InstanceSaliency.Pipeline.Cohorts;

/// <summary>
/// The fixed task list and configuration of a cohort (cohort-plan.json in the derivatives folder): every shard of
/// every worker reads the same plan, so shard i/n means the same tasks everywhere. No time stamp: the same
/// dataset and options give the same bytes.
/// </summary>
public sealed record CohortPlan(string Tool, string Version, string Source, CohortConfiguration Configuration, string ConfigurationSha256, IReadOnlyList<CohortTask> Tasks)
{
    /// <summary>The plan's file name in the derivatives folder.</summary>
    public const string FileName = "cohort-plan.json";

    /// <summary>The default derivatives folder inside a BIDS dataset (BIDS: derivatives/&lt;pipeline&gt;).</summary>
    public static readonly string DefaultDerivatives = Path.Combine("derivatives", "instancesaliency");

    /// <summary>A plan of <paramref name="scans"/> under <paramref name="configuration"/>; <paramref name="source"/> says where the scans came from.</summary>
    public static CohortPlan Of(string source, CohortConfiguration configuration, IReadOnlyList<CohortScan> scans)
    {
        if (scans.Count == 0) throw new InvalidInputException($"{source}: no scan found.");
        foreach (var same in scans.GroupBy(s => s.Id).Where(g => g.Count() > 1))
            throw new InvalidInputException($"{source}: two scans are named {same.Key}; every scan needs its own id.");
        return new CohortPlan("InstanceSaliency", configuration.ToolVersion, source, configuration, configuration.Sha256(), scans.Select(CohortTask.Of).ToList());
    }

    /// <summary>Writes the plan (atomically) and the derivatives' dataset_description.json into <paramref name="derivatives"/>.</summary>
    public void Write(string derivatives)
    {
        Directory.CreateDirectory(derivatives);
        AtomicFile.WriteText(Path.Combine(derivatives, FileName), JsonSerializer.Serialize(this, CohortJson.Indented) + "\n");
        DerivativesDescription.Write(derivatives, Version);
    }

    /// <summary>
    /// The derivatives folder of <paramref name="folder"/>: the folder itself when it holds cohort-plan.json, else
    /// its derivatives/instancesaliency (a BIDS dataset's root given instead).
    /// </summary>
    public static string Locate(string folder)
    {
        string full = Path.GetFullPath(folder);
        if (File.Exists(Path.Combine(full, FileName))) return full;
        string inside = Path.Combine(full, DefaultDerivatives);
        if (File.Exists(Path.Combine(inside, FileName))) return inside;
        throw new InvalidInputException($"{folder}: no {FileName} here or in {DefaultDerivatives}; run `ies cohort plan` first.");
    }

    /// <summary>Reads the plan of the derivatives folder <paramref name="derivatives"/> (see <see cref="Locate"/>).</summary>
    public static CohortPlan Read(string derivatives)
    {
        string path = Path.Combine(derivatives, FileName);
        CohortPlan? plan;
        try { plan = JsonSerializer.Deserialize<CohortPlan>(File.ReadAllText(path), CohortJson.Indented); }
        catch (JsonException e) { throw new InvalidInputException($"{path}: not a cohort plan ({e.Message}); run `ies cohort plan` again.", e); }
        if (plan?.Configuration is null || plan.Tasks is null || plan.Tasks.Count == 0)
            throw new InvalidInputException($"{path}: not a cohort plan (no configuration or no task); run `ies cohort plan` again.");
        if (plan.Configuration.Sha256() != plan.ConfigurationSha256)
            throw new InvalidInputException($"{path}: the configuration does not match its configuration_sha256 (edited by hand?); run `ies cohort plan` again.");
        return plan;
    }
}
