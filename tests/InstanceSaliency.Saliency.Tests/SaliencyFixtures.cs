using InstanceSaliency.Models.Checkpoints;
using InstanceSaliency.Models.Networks;
using InstanceSaliency.Models.Runtime;
using InstanceSaliency.Saliency.Inputs;
using InstanceSaliency.Saliency.Methods;
using InstanceSaliency.Saliency.Targets;
using InstanceSaliency.TestSupport;
using static TorchSharp.torch;

namespace InstanceSaliency.Saliency.Tests;

/// <summary>Models, inputs and lesions for saliency tests.</summary>
static class SaliencyFixtures
{
    /// <summary>The small reference U-Net of tests/fixtures/models (channels 4…64, trained-looking BatchNorm statistics).</summary>
    public static AttributionModel ReferenceModel() =>
        new(ModelLoader.Load(RepositoryPaths.SmallUNet, ComputeContext.Cpu));

    /// <summary>A seeded three-level U-Net (receptive-field radius 22) so crops are much smaller than test volumes.</summary>
    public static AttributionModel ShallowModel(int seed = 3)
    {
        random.manual_seed(seed);
        var settings = new UNetSettings { Channels = [4, 8, 16, 32], Strides = [2, 2, 2] };
        return new AttributionModel(SegmentationModel.FromNetwork(new MonaiUNet(settings)));
    }

    /// <summary>The synthetic ellipsoid scan as the network input.</summary>
    public static NetworkInput Input(AttributionModel model, int ni, int nj, int nk)
    {
        var (flair, t1) = SyntheticScan.Ellipsoid(ni, nj, nk);
        return NetworkInput.From(flair, t1, model.SizeMultiple, CPU);
    }

    /// <summary>A compact lesion of padded-grid voxels around <paramref name="centre"/>, in NIfTI storage order.</summary>
    public static InstanceTarget Blob(int id, (int I, int J, int K) centre, int count)
    {
        var voxels = new List<(int, int, int)>();
        for (int k = -1; k <= 1; k++)
            for (int j = -1; j <= 1; j++)
                for (int i = -1; i <= 1; i++)
                    if (Math.Abs(i) + Math.Abs(j) + Math.Abs(k) <= 1)
                        voxels.Add((centre.I + i, centre.J + j, centre.K + k));
        return new InstanceTarget(id, voxels.Take(count).ToList());
    }

    /// <summary>‖a − b‖₂ / ‖b‖₂.</summary>
    public static double RelativeL2(Tensor actual, Tensor expected)
    {
        using var scope = NewDisposeScope();
        var a = actual.to(ScalarType.Float64);
        var b = expected.to(ScalarType.Float64);
        return (a - b).norm().item<double>() / Math.Max(b.norm().item<double>(), 1e-300);
    }
}
