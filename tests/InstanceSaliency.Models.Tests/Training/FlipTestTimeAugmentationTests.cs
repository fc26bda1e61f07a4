using InstanceSaliency.Models.Inference;
using InstanceSaliency.Models.Segmentation;
using InstanceSaliency.TestSupport;

namespace InstanceSaliency.Models.Tests.Training;

public sealed class FlipTestTimeAugmentationTests
{
    [Fact]
    public void Identity_alone_equals_plain_segmentation()
    {
        using var model = ModelFixtures.Load("tiny.pt");
        var (flair, t1) = SyntheticScan.Ellipsoid(20, 18, 16);
        var segmenter = new Segmenter(model, TrainingFixtures.Context());
        var plain = segmenter.Run(flair, t1).Probability.Voxels;
        var tta = FlipTestTimeAugmentation.Probability(segmenter, flair, t1, [(false, false, false)]).Voxels;
        Assert.Equal(plain, tta);
    }

    [Fact]
    public void Eight_flips_give_a_probability_on_the_input_grid()
    {
        using var model = ModelFixtures.Load("tiny.pt");
        var (flair, t1) = SyntheticScan.Ellipsoid(20, 18, 16);
        var segmenter = new Segmenter(model, TrainingFixtures.Context());
        var result = FlipTestTimeAugmentation.Run(segmenter, flair, t1, 0.3);
        Assert.Equal(flair.Shape, result.Probability.Shape);
        Assert.All(result.Probability.Voxels, p => Assert.InRange(p, 0f, 1f));
        Assert.Equal(result.Probability.Voxels.Select(p => p > 0.3 ? (byte)1 : (byte)0), result.Mask.Voxels);
    }
}
