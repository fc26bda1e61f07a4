namespace InstanceSaliency.Pipeline.FalsePositives;

/// <summary>
/// Mean lesion F1, PPV and TPR over scans (method.md §3 per scan on lesion counts; a rate undefined on a scan, 0/0,
/// counts as 0, as <see cref="Models.Training.ManifestEvaluation.SiteMeans"/> does).
/// </summary>
public sealed record ScanLesionMetrics(double F1, double Ppv, double Tpr)
{
    /// <summary>The means of per-scan (TP, FP, FN) counts.</summary>
    public static ScanLesionMetrics Mean(IReadOnlyList<(int Tp, int Fp, int Fn)> scans)
    {
        ArgumentNullException.ThrowIfNull(scans);
        if (scans.Count == 0) return new ScanLesionMetrics(0, 0, 0);
        static double Rate(int numerator, int denominator) => denominator == 0 ? 0 : (double)numerator / denominator;
        return new ScanLesionMetrics(
            scans.Average(s => Rate(2 * s.Tp, 2 * s.Tp + s.Fp + s.Fn)), scans.Average(s => Rate(s.Tp, s.Tp + s.Fp)), scans.Average(s => Rate(s.Tp, s.Tp + s.Fn)));
    }
}
