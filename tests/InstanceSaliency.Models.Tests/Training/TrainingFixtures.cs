using InstanceSaliency.Imaging.Volumes;
using InstanceSaliency.Models.Inference;
using InstanceSaliency.Models.Networks;
using InstanceSaliency.Models.Runtime;
using InstanceSaliency.Models.Training;
using InstanceSaliency.TestSupport;

namespace InstanceSaliency.Models.Tests.Training;

/// <summary>Tiny scans and a tiny U-Net so that training tests take seconds.</summary>
static class TrainingFixtures
{
    public static ComputeContext Context(long seed = 7) => new() { Threads = 1, Seed = seed };

    /// <summary>Channels 4, 8, 16; 16³ patches, 2 per step; validation on 32³ windows; every augmentation on.</summary>
    public static TrainingOptions TinyOptions(int steps) => new()
    {
        Network = new UNetSettings { Channels = [4, 8, 16], Strides = [2, 2] },
        Steps = steps,
        BatchSize = 2,
        PatchSizeVoxels = 16,
        ValidationIntervalSteps = 3,
        CheckpointIntervalSteps = 3,
        ValidationWindow = new SlidingWindowSettings { RoiSizeVoxels = 32 },
        Augmentation = new AugmentationOptions { SyntheticLesionProbability = 0.5, BlurProbability = 0.5, NoiseProbability = 0.5 },
    };

    /// <summary>Two training scans and one validation scan (28³ ellipsoid brains, each with one bright FLAIR / dark T1 lesion).</summary>
    public static TrainingData TinyData() => new(
        [Case("a", 10, 12, 14), Case("b", 17, 15, 12)],
        [Case("v", 14, 16, 13)]);

    public static TrainingCase Case(string name, int ci, int cj, int ck)
    {
        var (flair, t1) = SyntheticScan.Ellipsoid(28, 28, 28);
        var mask = Volume<byte>.Zeros(flair.Geometry);
        for (int k = ck - 2; k <= ck + 2; k++)
            for (int j = cj - 2; j <= cj + 2; j++)
                for (int i = ci - 2; i <= ci + 2; i++)
                    if ((i - ci) * (i - ci) + (j - cj) * (j - cj) + (k - ck) * (k - ck) <= 4)
                    {
                        mask[i, j, k] = 1;
                        flair[i, j, k] += 12;
                        t1[i, j, k] *= 0.3f;
                    }
        return new TrainingCase(name, flair, t1, mask);
    }
}
