using InstanceSaliency.Imaging.Geometry;
using InstanceSaliency.Imaging.Volumes;
using InstanceSaliency.Models.Segmentation;
using InstanceSaliency.Models.Training;

namespace InstanceSaliency.Models.Tests.Training;

public sealed class ManifestEvaluationTests
{
    static readonly ImageGeometry Grid = ImageGeometry.FromAffine(new GridShape(20, 20, 10), Affine.Diagonal(1, 1, 1));

    /// <summary>
    /// A case whose truth is two 8-voxel cubes; its probability is 0.45 on them and 0.35 on a third cube (a false
    /// alarm) and on a single voxel (a speck): only τ = 0.4 gets both right and nothing else.
    /// </summary>
    static CaseProbabilities Case(string name, string site)
    {
        var truth = Volume<byte>.Zeros(Grid);
        var p = Volume<float>.Zeros(Grid);
        void Cube(int i0, int j0, int k0, float value, bool lesion)
        {
            for (int k = k0; k < k0 + 2; k++)
                for (int j = j0; j < j0 + 2; j++)
                    for (int i = i0; i < i0 + 2; i++)
                    {
                        p[i, j, k] = value;
                        if (lesion) truth[i, j, k] = 1;
                    }
        }
        Cube(2, 2, 2, 0.45f, true);
        Cube(12, 12, 5, 0.45f, true);
        Cube(2, 14, 6, 0.35f, false);
        p[16, 3, 2] = 0.9f;
        var flair = Volume<float>.Zeros(Grid);
        return new CaseProbabilities(new TrainingCase(name, flair, flair, truth) { Site = site }, p, null);
    }

    [Fact]
    public void Tuning_picks_the_threshold_and_minimum_that_score_best_over_the_sites()
    {
        var cases = new[] { Case("a", "one"), Case("b", "two"), Case("c", "two") };
        var baselines = ManifestEvaluation.Baselines([.. cases.Select(c => c.Case)]);
        var (best, trials) = ManifestEvaluation.Tune(cases, baselines);
        // τ 0.4 drops the 0.35 cube; any minimum (≥ 10 mm³) would drop the 8 mm³ lesions with the 1 mm³ speck: τ 0.4, no minimum.
        Assert.Equal(new ModelPostprocessing(0.4, 0, false), best.Postprocessing);
        Assert.Equal(ManifestEvaluation.TunedThresholds.Count * ManifestEvaluation.TunedMinimumsMm3.Count, trials.Count);
        Assert.Equal(2, best.Sites.Count);
        var scored = ManifestEvaluation.Score(cases, baselines, new ModelPostprocessing(0.4, 0, false));
        // τ 0.4 keeps the two lesions and the speck: TP 2, FP 1, FN 0 → F1 = 4/5.
        Assert.All(scored, s => Assert.Equal(0.8, s.Model.F1!.Value, 10));
        Assert.Equal(best.Score, trials.Max(t => t.Score));
    }

    [Fact]
    public void Sites_weigh_equally_whatever_their_scan_count()
    {
        var good = Case("a", "one");
        var bad = Case("b", "two") with { Plain = Volume<float>.Zeros(Grid) };
        var cases = new[] { good, bad, Case("c", "one"), Case("d", "one") };
        var post = new ModelPostprocessing(0.4, 0, false);
        var sites = ManifestEvaluation.SiteMeans(ManifestEvaluation.Score(cases, ManifestEvaluation.Baselines([.. cases.Select(c => c.Case)]), post));
        Assert.Equal(["one", "two"], sites.Select(s => s.Site));
        Assert.Equal(3, sites[0].Scans);
        Assert.Equal(0, sites[1].F1);
        // Site "one": F1 0.8 on each scan; site "two": 0. The mean over sites, not over scans (which would be 0.6).
        Assert.Equal((sites[0].F1 + sites[0].Ndsc) / 4, ManifestEvaluation.ScoreOf(sites), 10);
    }

    [Fact]
    public void The_flair_threshold_baseline_keeps_bright_components_of_three_voxels_or_more()
    {
        var flair = Volume<float>.Zeros(Grid);
        for (int k = 0; k < 10; k++)
            for (int j = 0; j < 20; j++)
                for (int i = 0; i < 20; i++)
                    flair[i, j, k] = 100 + (i + j + k) % 3;
        for (int i = 4; i < 7; i++) flair[i, 4, 4] = 200;
        flair[15, 15, 5] = 200;
        flair[2, 2, 2] = 0;
        var mask = FlairThresholdBaseline.Segment(flair);
        Assert.Equal(3, mask.Voxels.Sum(v => v));
        Assert.Equal(1, mask[5, 4, 4]);
        Assert.Equal(0, mask[15, 15, 5]);
        // z > 2.5 is relative to the brain's own spread: a lower threshold than the bright voxels' z keeps them; above it, nothing.
        Assert.Equal(0, FlairThresholdBaseline.Segment(flair, zThreshold: 40).Voxels.Sum(v => v));
    }
}
