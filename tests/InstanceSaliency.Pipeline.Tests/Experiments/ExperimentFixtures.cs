using InstanceSaliency.Pipeline.Scans;
using InstanceSaliency.Pipeline.Experiments;
using InstanceSaliency.Imaging.Geometry;
using InstanceSaliency.Imaging.Nifti;
using InstanceSaliency.Imaging.Volumes;
using InstanceSaliency.Models.Checkpoints;
using InstanceSaliency.Models.Networks;
using InstanceSaliency.Models.Runtime;
using InstanceSaliency.TestSupport;
using static TorchSharp.torch;

namespace InstanceSaliency.Pipeline.Tests.Experiments;

/// <summary>
/// The experiment tests seed LibTorch's global generator to build networks, so they run alone (not beside other
/// test classes that may draw from it).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TorchCollection
{
    public const string Name = "experiments (torch, serial)";
}

/// <summary>Scans, models and lesions for the experiment tests.</summary>
static class ExperimentFixtures
{
    /// <summary>A seeded three-level batch-norm U-Net (receptive-field radius 22 voxels).</summary>
    public static SegmentationModel ShallowModel(int seed = 3)
    {
        random.manual_seed(seed);
        return SegmentationModel.FromNetwork(new MonaiUNet(new UNetSettings { Channels = [4, 8, 16, 32], Strides = [2, 2, 2] }));
    }

    /// <summary>The hand-built TorchScript network of tools/reference/experiments_reference.py: z1 = 4·(FLAIR − 2), z0 = 0.</summary>
    public static SegmentationModel FlairLinear() =>
        ModelLoader.Load(Path.Combine(RepositoryPaths.Fixtures, "experiments", "flair_linear.ts"), ComputeContext.Cpu);

    /// <summary>The toy brain of <see cref="ToyBrain"/> (grey-matter shell around white matter, 1 mm grid).</summary>
    public static (Volume<float> Flair, Volume<float> T1) Brain(int ni, int nj, int nk) => ToyBrain.Make(ni, nj, nk);

    /// <summary>Writes FLAIR, T1 and (optionally) a truth mask into <paramref name="folder"/>; returns the paths.</summary>
    public static ScanPaths Write(TemporaryDirectory folder, Volume<float> flair, Volume<float> t1, Volume<byte>? truth)
    {
        string f = folder.File("flair.nii.gz"), t = folder.File("t1.nii.gz");
        NiftiFile.Write(flair, f);
        NiftiFile.Write(t1, t);
        string? g = null;
        if (truth is not null) NiftiFile.Write(truth, g = folder.File("truth.nii.gz"));
        return new ScanPaths(f, t, g);
    }

    /// <summary>A truth mask with a 3×3×2 block at (<paramref name="i"/>, <paramref name="j"/>, <paramref name="k"/>).</summary>
    public static Volume<byte> Block(ImageGeometry geometry, int i, int j, int k)
    {
        var truth = Volume<byte>.Zeros(geometry);
        for (int c = k; c < k + 2; c++) for (int b = j; b < j + 3; b++) for (int a = i; a < i + 3; a++) truth[a, b, c] = 1;
        return truth;
    }
}
