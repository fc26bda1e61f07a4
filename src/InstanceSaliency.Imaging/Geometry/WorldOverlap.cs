namespace InstanceSaliency.Imaging.Geometry;

/// <summary>
/// How much of one grid lies inside another in world space: the fraction of <c>reference</c>'s voxel centres
/// that fall inside <c>other</c>'s field of view, the box −0.5 ≤ c ≤ n − 0.5 (voxel edges) on each of other's
/// axes, with c = A_other⁻¹ · A_ref · v. Used to refuse a T1 or brain mask from another head or with a broken
/// header, instead of resampling it into zeros.
/// </summary>
public static class WorldOverlap
{
    /// <summary>
    /// Below this fraction the two images are not the same head. Measured: every MS3SEG T1 and brain mask covers
    /// 100% of its FLAIR (the three T1s stored flipped included); a copy shifted by 200 mm covers 0%, by 50 mm
    /// along z 61% (104252, 101228). Half the FLAIR is far from both: a T1 covering less has lost most of
    /// the brain, which no registration error on the same head does.
    /// </summary>
    public const double MinimumFraction = 0.5;

    /// <summary>The fraction (0..1) of <paramref name="reference"/>'s voxel centres inside <paramref name="other"/>'s field of view.</summary>
    public static double Fraction(ImageGeometry reference, ImageGeometry other)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(other);
        var m = other.Affine.Inverse().Multiply(reference.Affine);
        var (ri, rj, rk) = (reference.Shape.I, reference.Shape.J, reference.Shape.K);
        double hi = other.Shape.I - 0.5, hj = other.Shape.J - 0.5, hk = other.Shape.K - 0.5;
        var counts = new long[rk];
        Parallel.For(0, rk, k =>
        {
            long count = 0;
            for (int j = 0; j < rj; j++)
            {
                var (x0, y0, z0) = m.Apply(0, j, k);
                for (int i = 0; i < ri; i++)
                {
                    double x = x0 + i * m[0, 0], y = y0 + i * m[1, 0], z = z0 + i * m[2, 0];
                    if (x >= -0.5 && x <= hi && y >= -0.5 && y <= hj && z >= -0.5 && z <= hk) count++;
                }
            }
            counts[k] = count;
        });
        return counts.Sum() / (double)reference.Shape.VoxelCount;
    }

    /// <summary>
    /// Throws <see cref="InvalidInputException"/> naming <paramref name="otherName"/> and the measured overlap when
    /// <paramref name="other"/> covers less than <see cref="MinimumFraction"/> of <paramref name="reference"/>; returns the fraction.
    /// </summary>
    public static double Require(ImageGeometry reference, string referenceName, ImageGeometry other, string otherName)
    {
        double fraction = Fraction(reference, other);
        if (fraction < MinimumFraction)
            throw new InvalidInputException(
                $"{otherName}: overlaps only {fraction * 100:F1}% of {referenceName}'s field of view in world space (at least {MinimumFraction * 100:F0}% needed); it does not lie on the same " +
                    $"head. Check that both files are from the same scan session and that their sform/qform headers are right.");
        return fraction;
    }
}
