namespace InstanceSaliency.Models.Training;

/// <summary>
/// A small affine transform of a patch about its centre (issue 5: "small affine" augmentation), the same for every
/// image channel and the label. In millimetres, an output point at offset d from the patch centre reads the input at
/// A·d, with A = R_z(γ)·R_y(β)·R_x(α)·H·S: rotations about the i, j, k axes, H the unit upper-triangular shear
/// (h_ij, h_ik, h_jk) and S = diag(s_i, s_j, s_k). In voxels (sizes v): source = M·(o − c) + c with M = V⁻¹·A·V,
/// V = diag(v), c = (n − 1)/2 per axis. Images are resampled trilinearly, the label trilinearly on {0, 1} and then
/// thresholded at 0.5 (stays binary, moves with the image). Outside the patch the nearest edge voxel is repeated
/// (scipy.ndimage.affine_transform mode "nearest", order 1): no artificial zero corners inside the brain.
/// The identity (no rotation, shear 0, scale 1) returns its input exactly.
/// </summary>
public sealed record RandomAffine(double RotationIDegrees, double RotationJDegrees, double RotationKDegrees,
    double ScaleI = 1, double ScaleJ = 1, double ScaleK = 1, double ShearIJ = 0, double ShearIK = 0, double ShearJK = 0)
{
    /// <summary>The identity transform.</summary>
    public static RandomAffine Identity { get; } = new(0, 0, 0);

    /// <summary>
    /// Draws a transform from <paramref name="rng"/> within the ranges of <paramref name="options"/>: 3 angles, 3 scales,
    /// 3 shears, always nine draws in this order (so the stream after it does not depend on the values).
    /// </summary>
    public static RandomAffine Draw(Random rng, AugmentationOptions options)
    {
        ArgumentNullException.ThrowIfNull(rng);
        ArgumentNullException.ThrowIfNull(options);
        double r = options.AffineRotationMaxDegrees, s = options.AffineScaleMax, h = options.AffineShearMax;
        return new RandomAffine(rng.Uniform(-r, r), rng.Uniform(-r, r), rng.Uniform(-r, r),
            rng.Uniform(1 - s, 1 + s), rng.Uniform(1 - s, 1 + s), rng.Uniform(1 - s, 1 + s),
            rng.Uniform(-h, h), rng.Uniform(-h, h), rng.Uniform(-h, h));
    }

    /// <summary>The 3×3 matrix M in voxel units (row-major: M[row, column], axes i, j, k) for voxel sizes <paramref name="voxelSizeMm"/>.</summary>
    public double[,] VoxelMatrix((double I, double J, double K) voxelSizeMm)
    {
        double[,] Rotation(int axis, double degrees)
        {
            double a = degrees * Math.PI / 180, c = Math.Cos(a), s = Math.Sin(a);
            var m = new double[3, 3];
            m[axis, axis] = 1;
            int p = (axis + 1) % 3, q = (axis + 2) % 3;
            m[p, p] = c; m[p, q] = -s; m[q, p] = s; m[q, q] = c;
            return m;
        }
        var shear = new double[,] { { 1, ShearIJ, ShearIK }, { 0, 1, ShearJK }, { 0, 0, 1 } };
        var scale = new double[,] { { ScaleI, 0, 0 }, { 0, ScaleJ, 0 }, { 0, 0, ScaleK } };
        var a = Multiply(Rotation(2, RotationKDegrees), Multiply(Rotation(1, RotationJDegrees), Multiply(Rotation(0, RotationIDegrees), Multiply(shear, scale))));
        double[] v = [voxelSizeMm.I, voxelSizeMm.J, voxelSizeMm.K];
        var m = new double[3, 3];
        for (int row = 0; row < 3; row++)
            for (int column = 0; column < 3; column++)
                m[row, column] = a[row, column] * v[column] / v[row];
        return m;
    }

    /// <summary>
    /// Resamples <paramref name="images"/> (each ni·nj·nk, i fastest) and <paramref name="label"/> in place of new
    /// buffers: the transformed images and label.
    /// </summary>
    public (float[][] Images, byte[] Label) Apply(IReadOnlyList<float[]> images, byte[] label, int ni, int nj, int nk, (double I, double J, double K) voxelSizeMm)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(label);
        long count = (long)ni * nj * nk;
        if (label.LongLength != count || images.Any(x => x.LongLength != count))
            throw new ArgumentException($"Every buffer must hold {ni}×{nj}×{nk} voxels.", nameof(images));
        var m = VoxelMatrix(voxelSizeMm);
        var outImages = images.Select(_ => new float[count]).ToArray();
        var outLabel = new byte[count];
        double ci = (ni - 1) / 2.0, cj = (nj - 1) / 2.0, ck = (nk - 1) / 2.0;
        for (int k = 0, n = 0; k < nk; k++)
            for (int j = 0; j < nj; j++)
                for (int i = 0; i < ni; i++, n++)
                {
                    double di = i - ci, dj = j - cj, dk = k - ck;
                    double si = Math.Clamp(m[0, 0] * di + m[0, 1] * dj + m[0, 2] * dk + ci, 0, ni - 1);
                    double sj = Math.Clamp(m[1, 0] * di + m[1, 1] * dj + m[1, 2] * dk + cj, 0, nj - 1);
                    double sk = Math.Clamp(m[2, 0] * di + m[2, 1] * dj + m[2, 2] * dk + ck, 0, nk - 1);
                    var corners = new Trilinear(si, sj, sk, ni, nj, nk);
                    for (int c = 0; c < images.Count; c++) outImages[c][n] = (float)corners.Sample(images[c]);
                    outLabel[n] = corners.Sample(label) >= 0.5 ? (byte)1 : (byte)0;
                }
        return (outImages, outLabel);
    }

    static double[,] Multiply(double[,] x, double[,] y)
    {
        var z = new double[3, 3];
        for (int r = 0; r < 3; r++)
            for (int c = 0; c < 3; c++)
                for (int t = 0; t < 3; t++) z[r, c] += x[r, t] * y[t, c];
        return z;
    }

    // The 8 neighbours of a point inside the grid and their weights; the upper neighbour is clamped to the grid
    // (its weight is 0 there), so an integer coordinate reads exactly one voxel with weight 1.
    readonly struct Trilinear
    {
        readonly long _i0, _i1, _j0, _j1, _k0, _k1;
        readonly double _fi, _fj, _fk;

        public Trilinear(double si, double sj, double sk, int ni, int nj, int nk)
        {
            int a = (int)Math.Floor(si), b = (int)Math.Floor(sj), c = (int)Math.Floor(sk);
            (_fi, _fj, _fk) = (si - a, sj - b, sk - c);
            _i0 = a; _i1 = Math.Min(a + 1, ni - 1);
            _j0 = (long)b * ni; _j1 = (long)Math.Min(b + 1, nj - 1) * ni;
            _k0 = (long)c * ni * nj; _k1 = (long)Math.Min(c + 1, nk - 1) * ni * nj;
        }

        public double Sample(float[] x) =>
            (1 - _fk) * ((1 - _fj) * ((1 - _fi) * x[_i0 + _j0 + _k0] + _fi * x[_i1 + _j0 + _k0]) + _fj * ((1 - _fi) * x[_i0 + _j1 + _k0] + _fi * x[_i1 + _j1 + _k0]))
            + _fk * ((1 - _fj) * ((1 - _fi) * x[_i0 + _j0 + _k1] + _fi * x[_i1 + _j0 + _k1]) + _fj * ((1 - _fi) * x[_i0 + _j1 + _k1] + _fi * x[_i1 + _j1 + _k1]));

        public double Sample(byte[] x) =>
            (1 - _fk) * ((1 - _fj) * ((1 - _fi) * x[_i0 + _j0 + _k0] + _fi * x[_i1 + _j0 + _k0]) + _fj * ((1 - _fi) * x[_i0 + _j1 + _k0] + _fi * x[_i1 + _j1 + _k0]))
            + _fk * ((1 - _fj) * ((1 - _fi) * x[_i0 + _j0 + _k1] + _fi * x[_i1 + _j0 + _k1]) + _fj * ((1 - _fi) * x[_i0 + _j1 + _k1] + _fi * x[_i1 + _j1 + _k1]));
    }
}
