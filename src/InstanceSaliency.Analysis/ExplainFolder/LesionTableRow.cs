using InstanceSaliency.Lesions;

namespace InstanceSaliency.Analysis.ExplainFolder;

/// <summary>One row of lesions.tsv as read back (<see cref="LesionTableFile"/>).</summary>
/// <param name="Id">The lesion id (predicted 1..n, missed ones continuing after n).</param>
/// <param name="Type">Its type against the ground truth, parsed once from "TP", "FP", "FN" or "unlabelled".</param>
/// <param name="CentroidMm">Centroid (x, y, z) in world mm (scanner RAS+).</param>
/// <param name="Fields">Every field as written, in the table's column order (numbers in invariant culture, empty for undefined).</param>
/// <param name="Values">The numeric columns (every column but id, type and filtered), in order; NaN where the field was empty.</param>
public sealed record LesionTableRow(int Id, LesionType Type, (double X, double Y, double Z) CentroidMm, IReadOnlyList<string> Fields, IReadOnlyList<double> Values)
{
    /// <summary>"TP", "FP", "FN" or "unlabelled" (cli-contract.md).</summary>
    public string TypeName => Type.ToContractName();

    /// <summary>True for a missed ground-truth lesion, whose voxels are in missed.nii.gz rather than labels.nii.gz.</summary>
    public bool IsMissed => Type == LesionType.FalseNegative;

    /// <summary>True when the model's false-positive filter dropped the lesion (column <c>filtered</c>; its voxels are in filtered.nii.gz).</summary>
    public bool Filtered { get; init; }
}
