namespace InstanceSaliency.Lesions;

/// <summary>What a lesion instance is against a ground-truth mask (method.md §3).</summary>
public enum LesionType
{
    /// <summary>No ground truth was given.</summary>
    Unlabelled,
    /// <summary>A predicted component overlapping the ground truth in at least one voxel.</summary>
    TruePositive,
    /// <summary>A predicted component with no ground-truth voxel.</summary>
    FalsePositive,
    /// <summary>A ground-truth component without any predicted voxel.</summary>
    FalseNegative,
}

/// <summary>The names reports use for <see cref="LesionType"/>.</summary>
public static class LesionTypeNames
{
    /// <summary>"TP", "FP", "FN" (cli-contract.md) or "unlabelled" (method.md §7).</summary>
    public static string ToContractName(this LesionType type) => type switch
    {
        LesionType.TruePositive => "TP",
        LesionType.FalsePositive => "FP",
        LesionType.FalseNegative => "FN",
        LesionType.Unlabelled => "unlabelled",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown lesion type."),
    };

    /// <summary>The contract names in output order.</summary>
    public static readonly string[] All = ["TP", "FP", "FN", "unlabelled"];

    /// <summary>The type named <paramref name="name"/> ("TP", "FP", "FN" or "unlabelled"); null for any other text.</summary>
    public static LesionType? FromContractName(string name) => name switch
    {
        "TP" => LesionType.TruePositive,
        "FP" => LesionType.FalsePositive,
        "FN" => LesionType.FalseNegative,
        "unlabelled" => LesionType.Unlabelled,
        _ => null,
    };
}
