using InstanceSaliency.Lesions;

namespace InstanceSaliency.Analysis.Pooling;

/// <summary>One row of a run's lesions.tsv in the pooled cohort.</summary>
/// <param name="Scan">The scan it belongs to (its run's <see cref="RunTable.ScanId"/>).</param>
/// <param name="Id">Lesion id within the scan.</param>
/// <param name="Type">TP, FP, FN or unlabelled.</param>
/// <param name="Values">Numeric values, one per <see cref="LesionPool.Columns"/> entry; NaN where the field was empty.</param>
public sealed record PooledLesion(string Scan, int Id, LesionType Type, IReadOnlyList<double> Values);
