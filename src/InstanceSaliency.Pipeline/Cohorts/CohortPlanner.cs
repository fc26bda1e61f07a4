using InstanceSaliency.Pipeline.Datasets;
using InstanceSaliency.Pipeline.Explanation;
using InstanceSaliency.Imaging;
using InstanceSaliency.Models.Checkpoints;

namespace InstanceSaliency.Pipeline.Cohorts;

/// <summary>
/// `ies cohort plan`: discovers the scans (a BIDS dataset or a manifest), fixes the configuration (explain options,
/// model and its hash, seed, device) and writes cohort-plan.json and dataset_description.json into the derivatives
/// folder (default for BIDS: &lt;dataset&gt;/derivatives/instancesaliency; a manifest needs one named).
/// </summary>
public static class CohortPlanner
{
    /// <summary>Where the scans come from: exactly one of <see cref="Bids"/> and <see cref="Manifest"/>.</summary>
    public sealed record Source(string? Bids, string? TruthDerivatives, string? Manifest, string? BrainMaskDerivatives = null);

    /// <summary>The written plan, its folder, and how many complete tasks of a previous plan another configuration makes stale.</summary>
    public sealed record Result(CohortPlan Plan, string Derivatives, int Invalidated);

    public static Result Plan(Source source, string? derivatives, ExplainOptions options, string? modelPath, string device)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if ((source.Bids is null) == (source.Manifest is null)) throw new InvalidInputException("give exactly one of --bids DIR and --manifest TSV.");
        if (source.Manifest is not null && source.TruthDerivatives is not null)
            throw new InvalidInputException("--truth-derivatives goes with --bids; a manifest names its masks in a truth column.");
        if (source.Manifest is not null && source.BrainMaskDerivatives is not null)
            throw new InvalidInputException("--brain-mask-derivatives goes with --bids; a manifest names its brain masks in a brain_mask column.");
        IReadOnlyList<CohortScan> scans;
        string name;
        if (source.Bids is not null)
        {
            scans = BidsDataset.Discover(source.Bids, source.TruthDerivatives, source.BrainMaskDerivatives);
            name = "bids:" + Path.GetFullPath(source.Bids);
            derivatives ??= Path.Combine(source.Bids, CohortPlan.DefaultDerivatives);
        }
        else
        {
            scans = ScanManifest.Read(source.Manifest!);
            name = "manifest:" + Path.GetFullPath(source.Manifest!);
            if (derivatives is null) throw new InvalidInputException("--out: name the derivatives folder of a manifest's cohort (e.g. DATA/derivatives/instancesaliency).");
        }
        derivatives = OutputFolder.Prepare(derivatives, "--out");
        string model = EmbeddedModel.Resolve(modelPath);
        if (!File.Exists(model)) throw new InvalidInputException($"--model: {model} does not exist.");
        using (ModelLoader.Load(model, Models.Runtime.ComputeContext.Cpu)) { } // a bad model fails here, not in every worker
        var configuration = CohortConfiguration.Of(options, modelPath, FileHash.Sha256(model), device);
        var plan = CohortPlan.Of(name, configuration, scans);

        int invalidated = 0;
        if (File.Exists(Path.Combine(derivatives, CohortPlan.FileName)))
        {
            var previous = CohortJson.TryRead<CohortPlan>(Path.Combine(derivatives, CohortPlan.FileName));
            if (previous?.Tasks is not null && previous.ConfigurationSha256 != plan.ConfigurationSha256)
                invalidated = previous.Tasks.Count(t => TaskFolder.State(t, derivatives, previous.ConfigurationSha256) == TaskState.Complete);
        }
        plan.Write(derivatives);
        return new Result(plan, derivatives, invalidated);
    }
}
