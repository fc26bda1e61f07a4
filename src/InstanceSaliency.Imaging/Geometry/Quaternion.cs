namespace InstanceSaliency.Imaging.Geometry;

/// <summary>
/// The NIfTI qform rotation: unit quaternion (a, b, c, d) with a ≥ 0 computed from the stored b, c, d, and the
/// handedness factor qfac (pixdim[0]; ±1). Conversions follow the NIfTI-1 standard (nifti1.h) and nibabel's
/// <c>quaternions.quat2mat</c> / <c>fillpositive</c>.
/// </summary>
public readonly record struct Quaternion(double B, double C, double D)
{
    /// <summary>The stored values are float32: nibabel accepts 1 − (b²+c²+d²) down to −3·eps(float32).</summary>
    const double Threshold = -3 * 1.1920928955078125e-07;

    /// <summary>a = √(1 − b² − c² − d²), or 0 when slightly negative through float32 rounding.</summary>
    public double A
    {
        get
        {
            double w2 = 1.0 - (B * B + C * C + D * D);
            if (w2 < 0)
            {
                if (w2 < Threshold)
                    throw new ArgumentException($"Quaternion (b, c, d) = ({B}, {C}, {D}) has norm > 1: not a rotation.");
                return 0;
            }
            return Math.Sqrt(w2);
        }
    }

    /// <summary>The 3×3 rotation matrix, row-major.</summary>
    public double[,] ToRotation()
    {
        double w = A, x = B, y = C, z = D;
        double n = w * w + x * x + y * y + z * z;
        if (n < 2.220446049250313e-16) return new double[,] { { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 1 } };
        double s = 2.0 / n;
        double sx = x * s, sy = y * s, sz = z * s; // nibabel quat2mat's X, Y, Z
        double wsx = w * sx, wsy = w * sy, wsz = w * sz;
        double xsx = x * sx, xsy = x * sy, xsz = x * sz;
        double ysy = y * sy, ysz = y * sz, zsz = z * sz;
        return new double[,]
        {
            { 1.0 - (ysy + zsz), xsy - wsz, xsz + wsy },
            { xsy + wsz, 1.0 - (xsx + zsz), ysz - wsx },
            { xsz - wsy, ysz + wsx, 1.0 - (xsx + ysy) },
        };
    }

    /// <summary>
    /// The qform affine: rotation · diag(pixdim_i, pixdim_j, qfac·pixdim_k), translation = qoffset.
    /// </summary>
    public Affine ToAffine(double qfac, (double I, double J, double K) pixdim, (double X, double Y, double Z) offset)
    {
        var r = ToRotation();
        double[] scale = [pixdim.I, pixdim.J, (qfac < 0 ? -1 : 1) * pixdim.K];
        var m = new double[16];
        for (int row = 0; row < 3; row++)
            for (int col = 0; col < 3; col++)
                m[row * 4 + col] = r[row, col] * scale[col];
        m[3] = offset.X; m[7] = offset.Y; m[11] = offset.Z; m[15] = 1;
        return Affine.FromRowMajor(m);
    }

    /// <summary>
    /// Quaternion, qfac and voxel sizes of an affine's 3×3 part (nifti_mat44_to_quatern): columns are normalised,
    /// made orthogonal by polar decomposition, and a negative determinant is moved into qfac = −1.
    /// </summary>
    public static (Quaternion Quaternion, double Qfac, (double I, double J, double K) Pixdim) FromAffine(Affine affine)
    {
        var (si, sj, sk) = affine.VoxelSizes();
        double[] sizes = [si == 0 ? 1 : si, sj == 0 ? 1 : sj, sk == 0 ? 1 : sk];
        var r = new double[3, 3];
        for (int row = 0; row < 3; row++)
            for (int col = 0; col < 3; col++)
                r[row, col] = affine[row, col] / sizes[col];
        double det = Determinant(r);
        double qfac = 1;
        if (det < 0)
        {
            qfac = -1;
            for (int row = 0; row < 3; row++) r[row, 2] = -r[row, 2];
        }
        // Shepperd's method on the (now proper) rotation.
        double trace = r[0, 0] + r[1, 1] + r[2, 2];
        double a, b, c, d;
        if (trace > 0.5)
        {
            a = 0.5 * Math.Sqrt(1.0 + trace);
            b = 0.25 * (r[2, 1] - r[1, 2]) / a;
            c = 0.25 * (r[0, 2] - r[2, 0]) / a;
            d = 0.25 * (r[1, 0] - r[0, 1]) / a;
        }
        else
        {
            double xd = 1.0 + r[0, 0] - (r[1, 1] + r[2, 2]);
            double yd = 1.0 + r[1, 1] - (r[0, 0] + r[2, 2]);
            double zd = 1.0 + r[2, 2] - (r[0, 0] + r[1, 1]);
            if (xd > 1.0)
            {
                b = 0.5 * Math.Sqrt(xd);
                c = 0.25 * (r[0, 1] + r[1, 0]) / b;
                d = 0.25 * (r[0, 2] + r[2, 0]) / b;
                a = 0.25 * (r[2, 1] - r[1, 2]) / b;
            }
            else if (yd > 1.0)
            {
                c = 0.5 * Math.Sqrt(yd);
                b = 0.25 * (r[0, 1] + r[1, 0]) / c;
                d = 0.25 * (r[1, 2] + r[2, 1]) / c;
                a = 0.25 * (r[0, 2] - r[2, 0]) / c;
            }
            else
            {
                d = 0.5 * Math.Sqrt(zd);
                b = 0.25 * (r[0, 2] + r[2, 0]) / d;
                c = 0.25 * (r[1, 2] + r[2, 1]) / d;
                a = 0.25 * (r[1, 0] - r[0, 1]) / d;
            }
            if (a < 0) { a = -a; b = -b; c = -c; d = -d; }
        }
        return (new Quaternion(b, c, d), qfac, (sizes[0], sizes[1], sizes[2]));
    }

    static double Determinant(double[,] m) =>
        m[0, 0] * (m[1, 1] * m[2, 2] - m[1, 2] * m[2, 1])
        - m[0, 1] * (m[1, 0] * m[2, 2] - m[1, 2] * m[2, 0])
        + m[0, 2] * (m[1, 0] * m[2, 1] - m[1, 1] * m[2, 0]);
}
