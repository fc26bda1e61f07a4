namespace InstanceSaliency.Models.Training;

/// <summary>
/// A raw-space intensity change of one channel drawn for one patch: x' = IntensityGamma(x, γ)·b(i, j, k), with b a
/// <see cref="BiasField"/> over the whole case grid (or 1). Identity when γ = 1 and no field.
/// </summary>
sealed record ChannelShift(double Gamma, BiasField? Field, double Maximum)
{
    public float Apply(float x, int i, int j, int k)
    {
        if (x == 0) return 0;
        float y = Gamma == 1 ? x : IntensityGamma.Apply(x, Gamma, Maximum);
        return Field is null ? y : (float)(y * Field.At(i, j, k));
    }

    /// <summary>
    /// Mean and population SD of the shifted channel over the non-zero voxels of the statistics subsample: the
    /// nonzero z-score statistics (method.md §1) the segmenter would compute on the shifted scan, estimated.
    /// </summary>
    public (double Mean, double Sd) Statistics(float[] raw, int[] subsample, Imaging.Geometry.GridShape shape)
    {
        double sum = 0, squares = 0;
        long count = 0;
        foreach (int n in subsample)
        {
            float x = raw[n];
            if (x == 0) continue;
            var (i, j, k) = shape.Coordinates(n);
            double y = Apply(x, i, j, k);
            sum += y; squares += y * y; count++;
        }
        if (count == 0) return (0, 1);
        double mean = sum / count, sd = Math.Sqrt(Math.Max(0, squares / count - mean * mean));
        return (mean, sd > 0 ? sd : 1);
    }
}
