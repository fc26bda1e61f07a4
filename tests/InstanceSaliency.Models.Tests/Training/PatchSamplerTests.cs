using InstanceSaliency.Models.Inference;
using InstanceSaliency.Models.Training;
using static TorchSharp.torch;

namespace InstanceSaliency.Models.Tests.Training;

public sealed class PatchSamplerTests
{
    static PatchSampler Sampler(TrainingOptions options) =>
        new([.. TrainingFixtures.TinyData().Train.Select(c => new PreparedCase(c, needsWhiteMatter: true))], options);

    [Fact]
    public void Sites_are_drawn_equally_often_whatever_their_case_counts()
    {
        var data = TrainingFixtures.TinyData();
        var cases = new[] { data.Train[0] with { Site = "big" }, data.Train[1] with { Site = "big" }, data.Validation[0] with { Site = "small" } };
        var sampler = new PatchSampler([.. cases.Select(c => new PreparedCase(c, needsWhiteMatter: false))], TrainingFixtures.TinyOptions(1));
        var rng = new Random(5);
        int small = Enumerable.Range(0, 2000).Count(_ => sampler.DrawCase(rng).Source.Site == "small");
        // Half of the draws (binomial SD 22 of 2000), not the third a uniform choice of cases would give.
        Assert.InRange(small, 900, 1100);
        var oneSite = new PatchSampler([.. data.Train.Select(c => new PreparedCase(c, needsWhiteMatter: false))], TrainingFixtures.TinyOptions(1));
        int first = Enumerable.Range(0, 2000).Count(_ => oneSite.DrawCase(rng).Source.Name == "a");
        Assert.InRange(first, 900, 1100);
    }

    [Fact]
    public void Positive_patches_contain_lesion_voxels()
    {
        var sampler = Sampler(TrainingFixtures.TinyOptions(1) with { PositiveFraction = 1, Augmentation = AugmentationOptions.None });
        var rng = new Random(3);
        for (int n = 0; n < 10; n++) Assert.Contains((byte)1, sampler.Sample(rng).Label);
    }

    [Fact]
    public void Without_augmentation_brain_is_z_scored_and_background_stays_zero()
    {
        var options = TrainingFixtures.TinyOptions(1) with { PatchSizeVoxels = 32, Augmentation = AugmentationOptions.None };
        var patch = Sampler(options).Sample(new Random(1));
        var brain = TrainingFixtures.TinyData().Train.Select(c => c.Flair.Reframe(-2, -2, -2, new(32, 32, 32)).Voxels).ToArray();
        // 28³ scans in a 32³ patch: the patch is the whole scan (padded by 2), so the statistics are the scan's own.
        var nonzero = patch.Flair.Where(v => v != 0).Select(v => (double)v).ToArray();
        // Statistics come from a 1-in-29 subsample of the scan (PreparedCase.StatisticsStride): close, not exact.
        Assert.InRange(nonzero.Average(), -0.15, 0.15);
        Assert.InRange(Math.Sqrt(nonzero.Select(v => v * v).Average()), 0.85, 1.15);
        Assert.Equal(0, patch.Flair[0]);
        Assert.Contains(brain, b => b.Count(v => v != 0) == nonzero.Length);
    }

    [Fact]
    public void A_blurred_patch_is_the_normalised_blurred_whole_scan()
    {
        // Blur σ 1 mm only (step = max); 28³ scans in a 32³ patch: the patch is the whole scan padded by 2, so the
        // sampler's raw-space blur, brain mask and corrected statistics can be checked against SiteShift's blur of
        // the whole scan followed by the segmenter's normalisation.
        var augmentation = AugmentationOptions.None with { BlurProbability = 1, BlurSigmaMaxMm = 1, BlurSigmaStepMm = 1 };
        var options = TrainingFixtures.TinyOptions(1) with { PatchSizeVoxels = 32, Augmentation = augmentation };
        var cases = TrainingFixtures.TinyData().Train;
        var sampler = new PatchSampler([.. cases.Select(c => new PreparedCase(c, needsWhiteMatter: false, BlurStatistics.Sigmas(augmentation)))], options);
        var patch = sampler.Sample(new Random(2));
        var expected = cases.Select(c =>
        {
            var (flair, _) = new SiteShift("blur", BlurSigmaMm: 1).Apply(c.Flair, c.T1);
            var normalised = Imaging.Volumes.Volume<float>.Zeros(flair.Geometry).WithVoxels(IntensityNormalisation.NonzeroZScore(flair.Voxels).Normalised);
            return normalised.Reframe(-2, -2, -2, new(32, 32, 32)).Voxels;
        }).ToArray();
        // Only the scan's own grid: the sampler also blurs into the 2-voxel padding, which a whole-scan blur never computes.
        var inside = Enumerable.Range(0, 32 * 32 * 32).Where(n => n % 32 is >= 2 and < 30 && n / 32 % 32 is >= 2 and < 30 && n / 1024 is >= 2 and < 30).ToArray();
        // The two cases share the brain and differ by their lesion: the drawn case is the closer one.
        var match = expected.MinBy(e => inside.Max(n => Math.Abs(e[n] - patch.Flair[n])))!;
        Assert.All(inside, n => Assert.Equal(match[n] != 0, patch.Flair[n] != 0));
        // Statistics come from the 1-in-29 subsample and the blur's moment ratios: close (SD within about 2%), not exact.
        Assert.All(inside, n => Assert.InRange(Math.Abs(patch.Flair[n] - match[n]), 0, 0.03 * (1 + Math.Abs(match[n]))));
        Assert.True(match.Count(v => v != 0) > cases[0].Flair.Voxels.Count(v => v != 0), "the blur widens the non-zero region, as at inference");
    }

    [Fact]
    public void Same_seed_gives_the_same_affine_transformed_patches()
    {
        var options = TrainingFixtures.TinyOptions(1) with { Augmentation = new AugmentationOptions { AffineProbability = 1, BlurProbability = 0 } };
        var plain = Sampler(options with { Augmentation = options.Augmentation with { AffineProbability = 0 } }).Sample(new Random(8));
        var first = Sampler(options).Sample(new Random(8));
        var second = Sampler(options).Sample(new Random(8));
        Assert.Equal(first.Flair, second.Flair);
        Assert.Equal(first.T1, second.T1);
        Assert.Equal(first.Label, second.Label);
        Assert.NotEqual(plain.Flair, first.Flair);
        Assert.All(first.Label, v => Assert.True(v is 0 or 1));
    }

    [Fact]
    public void Synthetic_lesions_add_label_voxels()
    {
        var options = TrainingFixtures.TinyOptions(1) with
        {
            PositiveFraction = 0,
            Augmentation = AugmentationOptions.None with { SyntheticLesionProbability = 1, SyntheticLesionsMax = 2 },
        };
        var sampler = Sampler(options);
        var rng = new Random(5);
        Assert.Contains(Enumerable.Range(0, 10).Select(_ => sampler.Sample(rng)), p => p.Label.Any(v => v != 0));
    }

    [Fact]
    public void Flips_and_rotations_move_image_and_label_together()
    {
        using var scope = NewDisposeScope();
        var label = randint(0, 2, [8, 8, 8]);
        var image = stack([label.to(ScalarType.Float32), label.to(ScalarType.Float32) * 2]);
        var always = new AugmentationOptions { FlipProbability = 1, Rotate90Probability = 1 };
        for (int seed = 0; seed < 6; seed++)
        {
            var (x, y) = SpatialAugmentation.Apply(new Random(seed), image, label, always);
            Assert.True(x[0].eq(y.to(ScalarType.Float32)).all().item<bool>());
            Assert.True(x[1].eq(y.to(ScalarType.Float32) * 2).all().item<bool>());
        }
    }
}
