using InstanceSaliency.Models.Inference;

namespace InstanceSaliency.Models.Tests.Inference;

public class IntensityNormalisationTests
{
    [Fact]
    public void Nonzero_voxels_get_zero_mean_and_unit_population_deviation_and_zeros_stay_zero()
    {
        float[] voxels = [0, 1, 2, 3, 0, 6];
        var (normalised, mean, sd) = IntensityNormalisation.NonzeroZScore(voxels);
        Assert.Equal(3.0, mean, 12);
        Assert.Equal(Math.Sqrt((4 + 1 + 0 + 9) / 4.0), sd, 12); // ddof 0
        Assert.Equal(0f, normalised[0]);
        Assert.Equal(0f, normalised[4]);
        Assert.Equal((float)((1 - 3) / sd), normalised[1]);
    }

    [Fact]
    public void Constant_channel_keeps_deviation_one_as_MONAI()
    {
        var (normalised, _, sd) = IntensityNormalisation.NonzeroZScore([0, 5, 5]);
        Assert.Equal(1.0, sd);
        Assert.Equal([0f, 0f, 0f], normalised);
    }
}
