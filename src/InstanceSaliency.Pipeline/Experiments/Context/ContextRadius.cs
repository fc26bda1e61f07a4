namespace InstanceSaliency.Pipeline.Experiments.Context;

/// <summary>
/// The context radius (method.md §8): the smallest r with curve(r) ≥ fraction · plateau. The plateau is the
/// value on the unmasked input (r = ∞), not the value at the largest radius R: it is what the model reports in
/// practice, it does not depend on the R a user picks, and the two agree exactly once R exceeds the receptive
/// field (every voxel the output on Ω depends on is then kept). A curve that never reaches it within R has no
/// radius (NaN: "more than R"). A plateau ≤ 0 is reached at r = 0.
/// </summary>
public static class ContextRadius
{
    /// <summary>The smallest <paramref name="radiiMm"/>[n] with <paramref name="curve"/>[n] ≥ <paramref name="fraction"/>·<paramref name="plateau"/>; NaN if none.</summary>
    public static double Of(IReadOnlyList<double> radiiMm, IReadOnlyList<double> curve, double plateau, double fraction)
    {
        ArgumentNullException.ThrowIfNull(radiiMm);
        ArgumentNullException.ThrowIfNull(curve);
        if (radiiMm.Count != curve.Count) throw new ArgumentException($"{radiiMm.Count} radii but {curve.Count} curve values.", nameof(curve));
        if (double.IsNaN(plateau)) return double.NaN;
        double level = fraction * plateau;
        for (int n = 0; n < curve.Count; n++)
            if (curve[n] >= level) return radiiMm[n];
        return double.NaN;
    }

    /// <summary>
    /// The settling radius: the smallest <paramref name="radiiMm"/>[n] from which every later value stays within
    /// (1 − <paramref name="fraction"/>)·|plateau| of the plateau; NaN if the last one does not. Context curves need
    /// not be monotone (a lesion cut out of its surroundings can look more lesion-like than in place), so this says
    /// from where on the surroundings no longer change the answer, where <see cref="Of"/> says when it is first reached.
    /// </summary>
    public static double Settling(IReadOnlyList<double> radiiMm, IReadOnlyList<double> curve, double plateau, double fraction)
    {
        ArgumentNullException.ThrowIfNull(radiiMm);
        ArgumentNullException.ThrowIfNull(curve);
        if (radiiMm.Count != curve.Count) throw new ArgumentException($"{radiiMm.Count} radii but {curve.Count} curve values.", nameof(curve));
        if (double.IsNaN(plateau)) return double.NaN;
        double band = (1 - fraction) * Math.Abs(plateau);
        double settled = double.NaN;
        for (int n = curve.Count - 1; n >= 0 && Math.Abs(curve[n] - plateau) <= band; n--) settled = radiiMm[n];
        return settled;
    }
}
