using System.CommandLine;
using InstanceSaliency.Pipeline.Explanation;
using InstanceSaliency.Saliency;
using InstanceSaliency.Saliency.Catalog;

namespace InstanceSaliency.Cli.Options;

/// <summary>
/// Every option that more than one command takes, declared once: its name, description, default (from the named
/// constant of the library that owns it) and value rule. Each command gets its own instance from these factories.
/// </summary>
static class CommonOptions
{
    public static Option<string> Flair() => new("--flair") { Description = "FLAIR image (.nii/.nii.gz), skull-stripped.", Required = true };

    public static Option<string> T1() => new("--t1") { Description = "T1 image: on the FLAIR's grid, or on another grid overlapping it in world space (then resampled onto the FLAIR's grid through " +
        "the affines).", Required = true };

    public static Option<string?> BrainMask() => new("--brain-mask")
    {
        Description = "Brain mask (any grid overlapping the FLAIR; > 0.5 is brain): FLAIR and T1 are 0 outside it before normalisation. Needed for scans that are not skull-stripped.",
    };

    public static Option<string?> Truth(string effect) => new("--truth") { Description = $"Ground-truth mask: {effect}." };

    public static Option<string?> Model() => new("--model") { Description = "Model file (default: the embedded model)." };

    public static Option<string> Output() => new("--out") { Description = "Output folder.", Required = true };

    public static Option<string> Device() => new("--device") { Description = "cpu or cuda.", DefaultValueFactory = _ => "cpu" };

    public static Option<long> Seed() => new("--seed") { Description = "Seed of every random choice (same inputs and seed give the same bytes).", DefaultValueFactory = _ => 0 };

    public static Option<double?> Threshold() => new("--threshold") { Description = "Lesion threshold τ (default: the model's)." };

    public static Option<int> MinimumSize(string verb) =>
        new Option<int>("--min-size") { Description = $"Smallest lesion {verb}, in voxels.", DefaultValueFactory = _ => ExplainOptions.DefaultMinimumLesionVoxels }.Require(v => v >= 1, "≥ 1");

    /// <summary>`--connectivity`: the neighbourhood of lesion instances (method.md §3), predicted and ground truth alike.</summary>
    public static Option<int> Connectivity() =>
        new Option<int>("--connectivity") { Description = "Lesion neighbourhood: 6 (faces), 18 (faces and edges) or 26 (faces, edges and " +
            "corners).", DefaultValueFactory = _ => Imaging.Morphology.Connectivity.Default.Neighbours }
            .Require(v => v is 6 or 18 or 26, "6, 18 or 26");

    public static Option<string?> Lesions() => new("--lesions") { Description = "Only these lesion ids, comma-separated." };

    public static Option<int> Samples(string description, int defaultSamples = SmoothGradOptions.DefaultSamples) =>
        new Option<int>("--samples") { Description = description, DefaultValueFactory = _ => defaultSamples }
            .Require(v => v is >= 1 and <= ExplainOptions.MaximumSamples, $"between 1 and {ExplainOptions.MaximumSamples}");

    public static Option<double> Noise() =>
        new Option<double>("--noise") { Description = "Noise σ as a fraction f of the normalised FLAIR range.", DefaultValueFactory = _ => SmoothGradOptions.DefaultNoiseFraction }
            .Require(v => double.IsFinite(v) && v >= 0, "a finite fraction ≥ 0");

    public static Option<string> Methods(IEnumerable<string> defaults, string? note = null) =>
        new("--methods") { Description = $"Comma-separated: {string.Join(", ", SaliencyMethods.Names)}{note}.", DefaultValueFactory = _ => string.Join(',', defaults) };

    /// <summary>The names of a comma-separated --methods value.</summary>
    public static string[] MethodNames(string text) => text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
