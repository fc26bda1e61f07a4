using System.Globalization;
using InstanceSaliency.Imaging.Volumes;

namespace InstanceSaliency.Imaging.Nifti;

/// <summary>
/// The one rule that turns a mask file's scaled values v (v = stored·scl_slope + scl_inter) into lesion (1) and
/// background (0), for ground truths and for predicted masks alike (issue 19, item 8):
/// <list type="bullet">
/// <item>lesion ⇔ v &gt; <see cref="Threshold"/> (0.5), as cli-contract.md states for `ies lesions`;</item>
/// <item>v within <see cref="BinaryTolerance"/> of 0 or 1 is binary: MS3SEG masks store 1 with scl_slope
/// 1.00000006, which is 1, not a warning;</item>
/// <item>any other value (strictly between 0 and 1, above 1, NaN) is binarised by the same rule and reported in one
/// warning with the count and range: a probability map or a label map given as a mask is probably a mistake, but
/// its &gt; 0.5 reading is well defined;</item>
/// <item>a negative value (below −<see cref="BinaryTolerance"/>) is refused: no mask convention stores one, and
/// &gt; 0.5 would turn a "−1 = lesion" mask into silent background.</item>
/// </list>
/// </summary>
public static class MaskBinarisation
{
    /// <summary>A voxel is lesion when its scaled value is strictly greater than this.</summary>
    public const double Threshold = 0.5;

    /// <summary>Largest distance from 0 or 1 (in the mask's value units) still counted as exactly 0 or 1.</summary>
    public const double BinaryTolerance = 1e-4;

    /// <summary>
    /// Binarises <paramref name="values"/> (one 3D frame after scaling); <paramref name="source"/> names the file in
    /// the warning and the error. Throws <see cref="InvalidInputException"/> on the first negative value.
    /// </summary>
    public static MaskReading Apply(Volume<float> values, string source)
    {
        ArgumentNullException.ThrowIfNull(values);
        var voxels = values.Voxels;
        var mask = new byte[voxels.Length];
        long nonBinary = 0, nan = 0, lesionFromNonBinary = 0;
        double low = double.PositiveInfinity, high = double.NegativeInfinity;
        for (int n = 0; n < voxels.Length; n++)
        {
            float v = voxels[n];
            if (v < -BinaryTolerance) throw Negative(values, source, n);
            mask[n] = v > Threshold ? (byte)1 : (byte)0;
            if (Math.Abs(v) <= BinaryTolerance || Math.Abs(v - 1) <= BinaryTolerance) continue;
            if (float.IsNaN(v)) { nan++; continue; }
            nonBinary++;
            lesionFromNonBinary += mask[n];
            low = Math.Min(low, v);
            high = Math.Max(high, v);
        }
        var warnings = new List<string>();
        var c = CultureInfo.InvariantCulture;
        if (nonBinary > 0)
            warnings.Add(string.Create(c,
                $"{source}: not a binary mask: {nonBinary} voxel(s) hold values other than 0 and 1 (from {low:G6} to {high:G6}); binarised at > {Threshold}, {lesionFromNonBinary} of them count as " +
                    $"lesion. If this is a probability or label map, binarise it at the threshold you mean (e.g. fslmaths {source} -thr T -bin mask)."));
        if (nan > 0)
            warnings.Add($"{source}: {nan} voxel(s) are NaN; they count as background.");
        return new MaskReading(values.WithVoxels(mask), warnings);
    }

    static InvalidInputException Negative(Volume<float> values, string source, int index)
    {
        long count = values.Voxels.LongCount(v => v < -BinaryTolerance);
        var (i, j, k) = values.Shape.Coordinates(index);
        return new InvalidInputException(string.Create(CultureInfo.InvariantCulture,
            $"{source}: a mask cannot hold negative values: voxel ({i}, {j}, {k}) is {values.Voxels[index]:G6} ({count} negative voxel(s) in all). Store background as 0 and lesion as 1 (e.g. " +
                $"fslmaths {source} -thr 0 -bin mask, if negative means background)."));
    }
}
