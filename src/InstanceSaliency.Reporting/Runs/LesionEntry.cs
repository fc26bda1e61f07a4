namespace InstanceSaliency.Reporting.Runs;

/// <summary>
/// One row of lesions.tsv as the report needs it: the lesion id, its type (TP/FP/FN or unlabelled), its centroid
/// in world millimetres, and every field as written (numbers in invariant culture, empty for undefined).
/// </summary>
/// <param name="Id">The lesion id (predicted 1..n, missed ones continuing after n).</param>
/// <param name="Type">TP, FP, FN or unlabelled (cli-contract.md).</param>
/// <param name="CentroidMm">Centroid (x, y, z) in world mm (scanner RAS+).</param>
/// <param name="Fields">All fields of the row, in the table's column order.</param>
public sealed record LesionEntry(int Id, string Type, (double X, double Y, double Z) CentroidMm, IReadOnlyList<string> Fields)
{
    /// <summary>True for a missed ground-truth lesion, whose voxels are in missed.nii.gz rather than labels.nii.gz.</summary>
    public bool IsMissed => Type == "FN";
}
