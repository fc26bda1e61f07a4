using System.CommandLine;
using InstanceSaliency.Pipeline.Explanation;
using InstanceSaliency.Saliency;
using InstanceSaliency.Saliency.Catalog;

namespace InstanceSaliency.Cli.Options;

/// <summary>
/// The options that set <see cref="ExplainOptions"/>, declared once for `ies explain` and `ies cohort plan` (the
/// same names, descriptions and defaults). Parsing only.
/// </summary>
sealed class ExplainSettingOptions
{
    readonly Option<string> _methods = CommonOptions.Methods(SaliencyMethods.Names);
    readonly Option<int> _samples = CommonOptions.Samples("SmoothGrad noise samples N.");
    readonly Option<int?> _samplesMax = new("--samples-max")
    {
        Description = "Noise samples for smoothgrad-max (one backward pass per lesion voxel per sample); default: --samples (N = 50), as method.md §5; a lower value is recorded in run.json.",
    };
    readonly Option<double> _noise = CommonOptions.Noise();
    readonly Option<long> _seed = CommonOptions.Seed();
    readonly Option<int> _minSize = CommonOptions.MinimumSize("explained");
    readonly Option<int> _connectivity = CommonOptions.Connectivity();
    readonly Option<string> _camWeights = new Option<string>("--cam-weights") { Description = "Grad-CAM++ weights: local (instance, paper eq. 10) or global " +
        "(classic).", DefaultValueFactory = _ => "local" }.OneOf("local", "global");
    readonly Option<string?> _camLayer = new("--cam-layer") { Description = "Layer Grad-CAM++ captures (default: the model's cam_layer)." };
    readonly Option<string> _strategy = new Option<string>("--strategy") { Description = "fast (exact crops) or naive (full volume, the " +
        "reference).", DefaultValueFactory = _ => "fast" }.OneOf("fast", "naive");
    readonly Option<double?> _threshold = CommonOptions.Threshold();

    /// <summary>--seed, which also seeds the compute context.</summary>
    public Option<long> Seed => _seed;

    public IEnumerable<Option> All => [_methods, _samples, _samplesMax, _noise, _seed, _minSize, _connectivity, _camWeights, _camLayer, _strategy, _threshold];

    /// <summary>The settings given, checked; <paramref name="lesionIds"/> restricts explain to some lesions.</summary>
    public ExplainOptions Read(ParseResult parsed, IReadOnlySet<int>? lesionIds = null)
    {
        var options = new ExplainOptions
        {
            Methods = CommonOptions.MethodNames(parsed.GetValue(_methods)!),
            SmoothGrad = new SmoothGradOptions { Samples = parsed.GetValue(_samples), NoiseFractionOfFlairRange = parsed.GetValue(_noise), Seed = parsed.GetValue(_seed) },
            MaxAggregationSamples = parsed.GetValue(_samplesMax),
            MinimumLesionVoxels = parsed.GetValue(_minSize),
            Connectivity = Imaging.Morphology.Connectivity.FromNeighbours(parsed.GetValue(_connectivity)),
            LesionIds = lesionIds,
            CamWeighting = ExplainOptions.ParseCamWeighting(parsed.GetValue(_camWeights)!)!.Value,
            CamLayer = parsed.GetValue(_camLayer),
            Strategy = ExplainOptions.ParseStrategy(parsed.GetValue(_strategy)!)!.Value,
            Threshold = parsed.GetValue(_threshold),
        };
        options.Validate();
        return options;
    }
}
