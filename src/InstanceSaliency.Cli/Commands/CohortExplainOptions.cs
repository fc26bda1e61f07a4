using System.CommandLine;
using InstanceSaliency.Analysis.Explanation;
using InstanceSaliency.Saliency;
using InstanceSaliency.Saliency.Methods;

namespace InstanceSaliency.Cli.Commands;

/// <summary>The explain options `ies cohort plan` fixes for every task (the same names and defaults as `ies explain`).</summary>
sealed class CohortExplainOptions
{
    readonly Option<string> _methods = new("--methods") { Description = "Comma-separated: smoothgrad, smoothgrad-max, gradcampp.", DefaultValueFactory = _ => string.Join(',', SaliencyMethodNames.All) };
    readonly Option<int> _samples = new Option<int>("--samples") { Description = "SmoothGrad noise samples N.", DefaultValueFactory = _ => SmoothGradOptions.DefaultSamples }.Require(v => v >= 1, "≥ 1");
    readonly Option<int?> _samplesMax = new("--samples-max") { Description = "Noise samples for smoothgrad-max; default: --samples." };
    readonly Option<double> _noise = new Option<double>("--noise") { Description = "Noise σ as a fraction f of the normalised FLAIR range.", DefaultValueFactory = _ => SmoothGradOptions.DefaultNoiseFraction }
        .Require(v => double.IsFinite(v) && v >= 0, "a finite fraction ≥ 0");
    readonly Option<long> _seed = new("--seed") { Description = "Seed of every random choice (same inputs and seed give the same bytes).", DefaultValueFactory = _ => 0 };
    readonly Option<int> _minSize = new Option<int>("--min-size") { Description = "Smallest lesion explained, in voxels.", DefaultValueFactory = _ => 6 }.Require(v => v >= 1, "≥ 1");
    readonly Option<string> _camWeights = new Option<string>("--cam-weights") { Description = "Grad-CAM++ weights: local or global.", DefaultValueFactory = _ => "local" }.OneOf("local", "global");
    readonly Option<string?> _camLayer = new("--cam-layer") { Description = "Layer Grad-CAM++ captures (default: the model's cam_layer)." };
    readonly Option<string> _strategy = new Option<string>("--strategy") { Description = "fast (exact crops) or naive (full volume).", DefaultValueFactory = _ => "fast" }.OneOf("fast", "naive");
    readonly Option<double?> _threshold = new("--threshold") { Description = "Lesion threshold τ (default: the model's)." };

    public IEnumerable<Option> All => [_methods, _samples, _samplesMax, _noise, _seed, _minSize, _camWeights, _camLayer, _strategy, _threshold];

    public ExplainOptions Read(ParseResult parsed)
    {
        var options = new ExplainOptions
        {
            Methods = parsed.GetValue(_methods)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            SmoothGrad = new SmoothGradOptions { Samples = parsed.GetValue(_samples), NoiseFractionOfFlairRange = parsed.GetValue(_noise), Seed = parsed.GetValue(_seed) },
            MaxAggregationSamples = parsed.GetValue(_samplesMax),
            MinimumLesionVoxels = parsed.GetValue(_minSize),
            CamWeighting = parsed.GetValue(_camWeights) == "global" ? CamWeighting.Global : CamWeighting.Local,
            CamLayer = parsed.GetValue(_camLayer),
            Strategy = parsed.GetValue(_strategy)!,
            Threshold = parsed.GetValue(_threshold),
        };
        options.Validate();
        return options;
    }
}
