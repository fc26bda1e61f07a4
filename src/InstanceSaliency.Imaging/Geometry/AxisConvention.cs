namespace InstanceSaliency.Imaging.Geometry;

/// <summary>
/// A named voxel-axis convention such as "RAS", "LAS" or "LPS": for each voxel axis i, j, k the anatomical
/// direction it points to (nibabel's axis codes; NIfTI world space is RAS+). Each of the three world axes
/// (R/L, A/P, S/I) appears exactly once.
/// </summary>
public sealed class AxisConvention : IEquatable<AxisConvention>
{
    /// <summary>The convention of the shipped models (MONAI's Orientation "RAS").</summary>
    public static AxisConvention Ras { get; } = Parse("RAS", "axis convention");

    AxisConvention(string codes, int[] worldAxis, int[] sign)
    {
        Codes = codes;
        _worldAxis = worldAxis;
        _sign = sign;
    }

    readonly int[] _worldAxis;
    readonly int[] _sign;

    /// <summary>The three letters, e.g. "RAS".</summary>
    public string Codes { get; }

    /// <summary>The world axis (0 = x/R–L, 1 = y/A–P, 2 = z/S–I) voxel axis <paramref name="voxelAxis"/> runs along.</summary>
    public int WorldAxis(int voxelAxis) => _worldAxis[voxelAxis];

    /// <summary>+1 when voxel axis <paramref name="voxelAxis"/> points to R, A or S; −1 for L, P or I.</summary>
    public int Sign(int voxelAxis) => _sign[voxelAxis];

    /// <summary>
    /// Parses three letters (case-insensitive). Fails with <see cref="InvalidInputException"/> naming
    /// <paramref name="optionName"/>, the rule and the value otherwise.
    /// </summary>
    public static AxisConvention Parse(string codes, string optionName)
    {
        ArgumentNullException.ThrowIfNull(codes);
        string upper = codes.Trim().ToUpperInvariant();
        var worldAxis = new int[3];
        var sign = new int[3];
        bool valid = upper.Length == 3;
        for (int axis = 0; valid && axis < 3; axis++)
        {
            int positive = "RAS".IndexOf(upper[axis]), negative = "LPI".IndexOf(upper[axis]);
            worldAxis[axis] = Math.Max(positive, negative);
            sign[axis] = positive >= 0 ? 1 : -1;
            valid = worldAxis[axis] >= 0;
        }
        if (!valid || worldAxis.Distinct().Count() != 3)
            throw new InvalidInputException(
                $"{optionName}: '{codes}' is not an axis convention; give three letters, one of R/L, one of A/P and one of S/I (e.g. RAS, LAS, LPS).");
        return new AxisConvention(upper, worldAxis, sign);
    }

    /// <summary>The convention of an affine's voxel axes (nibabel's <c>aff2axcodes</c>); fails for degenerate axes.</summary>
    public static AxisConvention Of(Affine affine, string name) =>
        AxisCodes.FromAffine(affine) is var codes && !codes.Contains('?')
            ? Parse(codes, name)
            : throw new InvalidInputException($"{name}: the affine {affine} has a degenerate voxel axis (orientation '{codes}'); it cannot be reoriented.");

    public bool Equals(AxisConvention? other) => other is not null && other.Codes == Codes;
    public override bool Equals(object? obj) => Equals(obj as AxisConvention);
    public override int GetHashCode() => Codes.GetHashCode(StringComparison.Ordinal);
    public override string ToString() => Codes;
}
