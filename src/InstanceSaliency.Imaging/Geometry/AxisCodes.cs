namespace InstanceSaliency.Imaging.Geometry;

/// <summary>
/// Orientation codes of voxel axes, computed as nibabel's <c>io_orientation</c> + <c>ornt2axcodes</c>: the
/// rotation part of the affine is replaced by its nearest orthogonal matrix (polar decomposition, which equals
/// P·Qᵀ of the SVD nibabel uses), then each voxel axis in turn takes the world axis of largest |cosine| not
/// yet taken.
/// </summary>
static class AxisCodes
{
    static readonly string[] Positive = ["R", "A", "S"];
    static readonly string[] Negative = ["L", "P", "I"];

    public static string FromAffine(Affine affine)
    {
        var rs = new double[3, 3];
        for (int c = 0; c < 3; c++)
        {
            double norm = Math.Sqrt(affine[0, c] * affine[0, c] + affine[1, c] * affine[1, c] + affine[2, c] * affine[2, c]);
            if (norm == 0) norm = 1;
            for (int r = 0; r < 3; r++) rs[r, c] = affine[r, c] / norm;
        }
        var rot = NearestOrthogonal(rs) ?? rs;
        var codes = new string[3];
        for (int inAxis = 0; inAxis < 3; inAxis++)
        {
            int best = -1;
            double bestAbs = 0;
            for (int r = 0; r < 3; r++)
                if (Math.Abs(rot[r, inAxis]) > bestAbs) { bestAbs = Math.Abs(rot[r, inAxis]); best = r; }
            if (best < 0 || bestAbs < 1e-8) { codes[inAxis] = "?"; continue; }
            codes[inAxis] = rot[best, inAxis] < 0 ? Negative[best] : Positive[best];
            for (int c = 0; c < 3; c++) rot[best, c] = 0;
        }
        return string.Concat(codes);
    }

    /// <summary>Polar factor by Newton iteration R ← (R + R⁻ᵀ)/2; null for a singular matrix.</summary>
    static double[,]? NearestOrthogonal(double[,] m)
    {
        var r = (double[,])m.Clone();
        for (int iteration = 0; iteration < 100; iteration++)
        {
            var inverseTransposed = InverseTransposed(r);
            if (inverseTransposed is null) return null;
            double change = 0;
            for (int i = 0; i < 3; i++)
                for (int j = 0; j < 3; j++)
                {
                    double next = 0.5 * (r[i, j] + inverseTransposed[i, j]);
                    change = Math.Max(change, Math.Abs(next - r[i, j]));
                    r[i, j] = next;
                }
            if (change < 1e-14) break;
        }
        return r;
    }

    static double[,]? InverseTransposed(double[,] a)
    {
        double c00 = a[1, 1] * a[2, 2] - a[1, 2] * a[2, 1];
        double c01 = a[1, 2] * a[2, 0] - a[1, 0] * a[2, 2];
        double c02 = a[1, 0] * a[2, 1] - a[1, 1] * a[2, 0];
        double det = a[0, 0] * c00 + a[0, 1] * c01 + a[0, 2] * c02;
        if (Math.Abs(det) < 1e-12) return null;
        // inverse = adjugate / det, adjugate = cofactorᵀ, so inverseᵀ = cofactor / det.
        var cof = new double[3, 3];
        cof[0, 0] = c00; cof[0, 1] = c01; cof[0, 2] = c02;
        cof[1, 0] = a[0, 2] * a[2, 1] - a[0, 1] * a[2, 2];
        cof[1, 1] = a[0, 0] * a[2, 2] - a[0, 2] * a[2, 0];
        cof[1, 2] = a[0, 1] * a[2, 0] - a[0, 0] * a[2, 1];
        cof[2, 0] = a[0, 1] * a[1, 2] - a[0, 2] * a[1, 1];
        cof[2, 1] = a[0, 2] * a[1, 0] - a[0, 0] * a[1, 2];
        cof[2, 2] = a[0, 0] * a[1, 1] - a[0, 1] * a[1, 0];
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++)
                cof[i, j] /= det;
        return cof;
    }
}
