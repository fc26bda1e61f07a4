using InstanceSaliency.Lesions;

namespace InstanceSaliency.Pipeline.Experiments.Sanity;

/// <summary>
/// One correlation of the sanity check: at step <see cref="Step"/> (0 = the trained model; s = the s blocks
/// nearest the output re-initialised, the last being <see cref="Layer"/>), Spearman ρ between |M| of the
/// randomised and of the trained model for one lesion and method, over every map channel on the lesion's exact
/// crop (its receptive-field region, stride-aligned; method.md §4), and <see cref="SpearmanNear"/> over the crop's
/// voxels within <see cref="SanityOptions.NearRadiusMm"/> of the lesion. Over the whole crop both maps share the
/// fall-off of the receptive field with distance, which keeps ρ high even between unrelated networks.
/// </summary>
public sealed record SanityCorrelation(int Step, string Layer, string Method, LesionInstance Lesion, double Spearman, double SpearmanNear);

/// <summary>All correlations, step by step.</summary>
public sealed record SanityResult(IReadOnlyList<string> Layers, IReadOnlyList<string> Methods, IReadOnlyList<SanityCorrelation> Correlations)
{
    /// <summary>Mean and median of ρ (<paramref name="near"/>: of ρ near the lesion) over the lesions (NaN ones left out) at one step for one method, with the count used.</summary>
    public (double Mean, double Median, int Count) Summary(int step, string method, bool near = false)
    {
        var values = Correlations.Where(c => c.Step == step && c.Method == method).Select(c => near ? c.SpearmanNear : c.Spearman)
            .Where(double.IsFinite).Order().ToArray();
        if (values.Length == 0) return (double.NaN, double.NaN, 0);
        return (values.Average(), Analysis.Statistics.AucBootstrap.Quantile(values, 0.5), values.Length);
    }
}
