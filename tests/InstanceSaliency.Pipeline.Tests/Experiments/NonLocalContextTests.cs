using InstanceSaliency.Lesions;
using InstanceSaliency.Models.Checkpoints;
using InstanceSaliency.Models.Networks;
using InstanceSaliency.Models.Runtime;
using InstanceSaliency.Pipeline.Experiments;
using InstanceSaliency.Pipeline.Experiments.Context;
using InstanceSaliency.TestSupport;
using static TorchSharp.torch;

namespace InstanceSaliency.Pipeline.Tests.Experiments;

/// <summary>
/// A network that is not local (instance normalisation) gives the experiments its probabilities through the
/// sliding-window blend that made the prediction (method.md §4), not one whole-volume pass: on a scan longer than one
/// 96³ window the two differ, and the unmasked context value must equal the segmentation's.
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class NonLocalContextTests : IDisposable
{
    readonly TemporaryDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void The_unmasked_probability_of_an_instance_norm_network_is_the_segmentations()
    {
        random.manual_seed(5);
        using var model = SegmentationModel.FromNetwork(new MonaiUNet(new UNetSettings { Channels = [2, 4, 8], Strides = [2, 2], Norm = NormKind.Instance }));
        var (flair, t1) = ExperimentFixtures.Brain(128, 36, 32);
        var paths = ExperimentFixtures.Write(_folder, flair, t1, null);
        var lesion = ExperimentFixtures.Block(flair.Geometry, 100, 18, 16);
        var scan = ExperimentScan.Load(paths, model, ComputeContext.Cpu, null, 6) with { Lesions = LesionAnalysis.Run(lesion, null) };

        var result = new ContextExperiment(model, ComputeContext.Cpu, new ContextOptions { MaximumRadiusMm = 1, StepMm = 1 }).Run(scan);

        var curve = Assert.Single(result.Curves);
        Assert.Equal(curve.SegmentationMeanProbability, curve.UnmaskedMeanProbability, 1e-5);
    }
}
