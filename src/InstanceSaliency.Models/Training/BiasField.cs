namespace InstanceSaliency.Models.Training;

/// <summary>
/// A smooth multiplicative bias field b(v) = 1 + A·f(u), where u ∈ [−1, 1]³ are the voxel's normalised grid
/// coordinates (u_i = 2i/(I−1) − 1, likewise j, k) and f is a quadratic polynomial
/// f = Σ c_a u_a + Σ q_a u_a² + Σ x_ab u_a u_b scaled so max |f| over the grid is 1 (checked on a 9³ lattice).
/// So <see cref="Amplitude"/> A = 0.2 is a ±20% field, like a receive-coil inhomogeneity left after bias correction.
/// </summary>
public sealed class BiasField
{
    readonly double[] _c;
    readonly int _ni, _nj, _nk;

    BiasField(double[] coefficients, double amplitude, int ni, int nj, int nk)
    {
        (_ni, _nj, _nk) = (ni, nj, nk);
        _c = coefficients;
        double max = 0;
        for (int a = 0; a <= 8; a++)
            for (int b = 0; b <= 8; b++)
                for (int d = 0; d <= 8; d++)
                    max = Math.Max(max, Math.Abs(Raw(a / 4.0 - 1, b / 4.0 - 1, d / 4.0 - 1)));
        double scale = max > 0 ? amplitude / max : 0;
        for (int n = 0; n < _c.Length; n++) _c[n] *= scale;
        Amplitude = amplitude;
    }

    /// <summary>The peak relative change A (0.2 = ±20%).</summary>
    public double Amplitude { get; }

    /// <summary>The fixed field of the site-shift evaluation (coefficients chosen once, documented here, never random).</summary>
    public static BiasField Evaluation(double amplitude, int ni, int nj, int nk) =>
        new([0.6, -0.4, 0.5, 0.3, -0.3, 0.2, 0.4, 0.0, -0.3], amplitude, ni, nj, nk);

    /// <summary>A random field (coefficients standard normal) of amplitude <paramref name="amplitude"/>.</summary>
    public static BiasField Random(Random random, double amplitude, int ni, int nj, int nk)
    {
        var c = new double[9];
        for (int n = 0; n < c.Length; n++) c[n] = random.Normal();
        return new BiasField(c, amplitude, ni, nj, nk);
    }

    /// <summary>The multiplicative factor b at voxel (i, j, k) of the grid the field was made for.</summary>
    public double At(int i, int j, int k) =>
        1 + Raw(Normalised(i, _ni), Normalised(j, _nj), Normalised(k, _nk));

    static double Normalised(int index, int size) => size > 1 ? 2.0 * index / (size - 1) - 1 : 0;

    double Raw(double u, double v, double w) =>
        _c[0] * u + _c[1] * v + _c[2] * w + _c[3] * u * u + _c[4] * v * v + _c[5] * w * w + _c[6] * u * v + _c[7] * u * w + _c[8] * v * w;
}
