namespace InstanceSaliency.Pipeline.Experiments.Synthetic;

/// <summary>
/// One synthetic lesion evaluated (method.md §8): the cell (radius, contrasts), the placement, the inserted lesion Ω
/// (voxels with edge weight ≥ 0.5) and what the network made of it: mean p over Ω, detected = any p &gt; τ in Ω
/// (one forward pass on the exact crop, as the context experiment), and the FLAIR share of SmoothGrad (average
/// aggregation) over Ω (method.md §7; NaN when both channels' maps are 0 on Ω).
/// </summary>
public sealed record SynthEvaluation(
    SynthRadii RadiiMm, double FlairContrastSd, double T1ContrastSd, int Repeat, (int I, int J, int K) Centre, int Voxels,
    double FlairWhiteMatterSd, double T1WhiteMatterSd, double MeanProbability, bool Detected, double FlairShare)
{
    /// <summary>The radius of the sphere of the same volume (the radius for a sphere; <see cref="SynthRadii.EquivalentRadiusMm"/>).</summary>
    public double RadiusMm => RadiiMm.EquivalentRadiusMm;
}

/// <summary>One cell of the grid: the mean over its placements.</summary>
public sealed record SynthCell(SynthRadii RadiiMm, double FlairContrastSd, double T1ContrastSd, int Repeats, double DetectionRate, double MeanProbability, double FlairShare)
{
    /// <summary>The radius of the sphere of the same volume (the radius for a sphere; <see cref="SynthRadii.EquivalentRadiusMm"/>).</summary>
    public double RadiusMm => RadiiMm.EquivalentRadiusMm;
}

/// <summary>Every evaluation, and the cells in grid order (radius, then FLAIR contrast, then T1 contrast).</summary>
public sealed record SynthResult(IReadOnlyList<SynthEvaluation> Evaluations, double Threshold)
{
    public IReadOnlyList<SynthCell> Cells() => Evaluations
        .GroupBy(e => (e.RadiiMm, e.FlairContrastSd, e.T1ContrastSd))
        .Select(g =>
        {
            var shares = g.Select(e => e.FlairShare).Where(double.IsFinite).ToArray();
            return new SynthCell(g.Key.RadiiMm, g.Key.FlairContrastSd, g.Key.T1ContrastSd, g.Count(),
                g.Count(e => e.Detected) / (double)g.Count(), g.Average(e => e.MeanProbability), shares.Length == 0 ? double.NaN : shares.Average());
        }).ToList();
}
