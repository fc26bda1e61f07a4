using InstanceSaliency.Lesions;

namespace InstanceSaliency.Pipeline.Experiments.Context;

/// <summary>The context curves of every lesion studied, and their pooled summaries (method.md §8).</summary>
public sealed record ContextResult(IReadOnlyList<ContextCurve> Curves, IReadOnlyList<double> RadiiMm, double Threshold, double PlateauFraction)
{
    /// <summary>The groups pooled: "all", then each lesion type present (TP, FP, FN, unlabelled).</summary>
    public IReadOnlyList<string> Groups =>
        ["all", .. new[] { LesionType.TruePositive, LesionType.FalsePositive, LesionType.FalseNegative, LesionType.Unlabelled }
            .Where(t => Curves.Any(c => c.Lesion.Type == t)).Select(t => t.ToContractName())];

    /// <summary>
    /// The group whose pooled radius is the headline: TP when there are TP lesions (the paper's radius is for detected
    /// lesions; FN lesions, whose plateau is ≈ 0, would pull a pooled "all" radius down), else "all". Every group
    /// stays in the tables.
    /// </summary>
    public string HeadlineGroup => Curves.Any(c => c.Lesion.Type == LesionType.TruePositive) ? LesionType.TruePositive.ToContractName() : "all";

    /// <summary>
    /// The pooled curve of <paramref name="group"/>: per radius the mean over its lesions of mean p, and the
    /// fraction detected; its plateau is the mean unmasked value and its radius is taken from the pooled curve.
    /// </summary>
    public PooledContext Pooled(string group)
    {
        var members = Curves.Where(c => group == "all" || c.Lesion.Type.ToContractName() == group).ToList();
        if (members.Count == 0) throw new ArgumentException($"No lesion of group {group}.", nameof(group));
        var mean = RadiiMm.Select((_, n) => members.Average(c => c.MeanProbability[n])).ToArray();
        var rate = RadiiMm.Select((_, n) => members.Count(c => c.Detected[n]) / (double)members.Count).ToArray();
        double plateau = members.Average(c => c.UnmaskedMeanProbability);
        var radii = members.Select(c => c.ContextRadiusMm(PlateauFraction)).ToArray();
        return new PooledContext(group, members.Count, mean, rate, plateau, members.Count(c => c.UnmaskedDetected) / (double)members.Count,
            ContextRadius.Of(RadiiMm, mean, plateau, PlateauFraction), radii,
            ContextRadius.Settling(RadiiMm, mean, plateau, PlateauFraction), members.Select(c => c.SettlingRadiusMm(PlateauFraction)).ToArray());
    }
}

/// <summary>A pooled context curve (method.md §8).</summary>
/// <param name="Group">"all" or a lesion type.</param>
/// <param name="Lesions">Number of lesions pooled.</param>
/// <param name="MeanProbability">Per radius: mean over lesions of mean p over Ω.</param>
/// <param name="DetectionRate">Per radius: fraction of lesions with some p &gt; τ in Ω.</param>
/// <param name="Plateau">Mean over lesions of the unmasked mean p.</param>
/// <param name="UnmaskedDetectionRate">Fraction detected on the unmasked input.</param>
/// <param name="ContextRadiusMm">The radius of the pooled curve (NaN: beyond R).</param>
/// <param name="LesionRadiiMm">Each lesion's own radius (NaN: beyond R).</param>
/// <param name="SettlingRadiusMm">The settling radius of the pooled curve (<see cref="ContextRadius.Settling"/>; NaN: not within R).</param>
/// <param name="LesionSettlingRadiiMm">Each lesion's own settling radius.</param>
public sealed record PooledContext(string Group, int Lesions, IReadOnlyList<double> MeanProbability, IReadOnlyList<double> DetectionRate,
    double Plateau, double UnmaskedDetectionRate, double ContextRadiusMm, IReadOnlyList<double> LesionRadiiMm,
    double SettlingRadiusMm, IReadOnlyList<double> LesionSettlingRadiiMm);
