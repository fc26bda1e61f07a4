using System.Numerics;

namespace InstanceSaliency.Analysis.Statistics;

/// <summary>
/// Null distribution of the Mann–Whitney U for samples of m and n values without ties: the number of
/// arrangements with U = k is the coefficient of q^k in the Gaussian binomial [m+n choose m]_q
/// = Π_{i=1..m} (1 − q^{n+i}) / (1 − q^i), built factor by factor in exact integers (each partial product is
/// itself a Gaussian binomial, so every division is exact); P(U = k) = count / C(m+n, m).
/// </summary>
static class MannWhitneyExactDistribution
{
    /// <summary>P(U ≥ k) = P(U ≤ mn − k) by symmetry.</summary>
    public static double Survival(long k, int m, int n)
    {
        if (m > n) (m, n) = (n, m);
        long max = (long)m * n;
        long upTo = max - k;
        if (upTo < 0) return 0;
        var counts = Counts(m, n);
        BigInteger below = BigInteger.Zero, total = BigInteger.Zero;
        for (long j = 0; j <= max; j++)
        {
            total += counts[j];
            if (j <= upTo) below += counts[j];
        }
        return Ratio(below, total);
    }

    static BigInteger[] Counts(int m, int n)
    {
        int degree = m * n;
        var c = new BigInteger[degree + 1];
        c[0] = BigInteger.One;
        int current = 0;
        for (int i = 1; i <= m; i++)
        {
            int shift = n + i;
            current += n;
            for (int j = current; j >= shift; j--) c[j] -= c[j - shift]; // × (1 − q^{n+i})
            for (int j = i; j <= current; j++) c[j] += c[j - i];          // ÷ (1 − q^i)
        }
        return c;
    }

    static double Ratio(BigInteger a, BigInteger b)
    {
        // Scale both down together so the conversion to double keeps 53 bits of each.
        long shift = Math.Max(0, (long)b.GetBitLength() - 1000);
        return (double)(a >> (int)shift) / (double)(b >> (int)shift);
    }
}
