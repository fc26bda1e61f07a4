namespace InstanceSaliency.Models.Training;

/// <summary>
/// The random stream of one training step: a <see cref="Random"/> seeded from (seed, step) by SplitMix64. Because
/// every step draws from its own stream, the sampler's RNG state is a function of the step number alone: a run
/// resumed from step s draws exactly what the uninterrupted run drew, with no generator state to save.
/// </summary>
public static class TrainingRandom
{
    /// <summary>The stream of <paramref name="step"/> (1-based) for <paramref name="seed"/>; <paramref name="stream"/> separates independent uses.</summary>
    public static Random ForStep(long seed, long step, int stream = 0)
    {
        ulong z = unchecked((ulong)seed * 0x9E3779B97F4A7C15UL + (ulong)step * 0xBF58476D1CE4E5B9UL + (ulong)stream * 0x94D049BB133111EBUL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        z ^= z >> 31;
        return new Random((int)(z & 0x7FFFFFFF));
    }

    /// <summary>Uniform on [<paramref name="low"/>, <paramref name="high"/>).</summary>
    public static double Uniform(this Random random, double low, double high) => low + (high - low) * random.NextDouble();

    /// <summary>Standard normal (Box–Muller).</summary>
    public static double Normal(this Random random)
    {
        double u = 1 - random.NextDouble(), v = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u)) * Math.Cos(2 * Math.PI * v);
    }
}
