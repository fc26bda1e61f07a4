using InstanceSaliency.Imaging.Morphology;
using InstanceSaliency.Models.Runtime;
using InstanceSaliency.Pipeline.Experiments;
using InstanceSaliency.TestSupport;

namespace InstanceSaliency.Pipeline.Tests.Experiments;

/// <summary>The head of every experiment's summary.json records the lesion connectivity the scan's instances were formed with, as run.json does.</summary>
[Collection(TorchCollection.Name)]
public sealed class ExperimentProvenanceTests : IDisposable
{
    readonly TemporaryDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData(6)]
    [InlineData(18)]
    [InlineData(26)]
    public void Summary_head_records_the_connectivity_of_the_scans_lesions(int neighbours)
    {
        using var model = ExperimentFixtures.FlairLinear();
        var (flair, t1) = ExperimentFixtures.Brain(32, 32, 32);
        var paths = ExperimentFixtures.Write(_folder, flair, t1, null);
        var scan = ExperimentScan.Load(paths, model, ComputeContext.Cpu, null, 6, Connectivity.FromNeighbours(neighbours));

        var head = ExperimentProvenance.Of(paths, model, 0, scan);

        Assert.Equal(neighbours, scan.Lesions.Options.Connectivity.Neighbours);
        Assert.Equal(neighbours, head["connectivity"]!.GetValue<int>());
    }
}
