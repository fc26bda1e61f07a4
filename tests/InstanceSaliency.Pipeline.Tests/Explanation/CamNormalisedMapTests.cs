using InstanceSaliency.Analysis.ExplainFolder;
using InstanceSaliency.Pipeline.Explanation;
using InstanceSaliency.Pipeline.Scans;
using InstanceSaliency.Imaging.Nifti;
using InstanceSaliency.Imaging.Volumes;
using InstanceSaliency.Models.Checkpoints;
using InstanceSaliency.Models.Runtime;
using InstanceSaliency.Saliency.Methods;
using InstanceSaliency.TestSupport;

namespace InstanceSaliency.Pipeline.Tests.Explanation;

/// <summary>
/// The gradcampp_cam-normalised map that explain writes is the raw gradcampp_cam divided by its maximum (method.md §6),
/// voxel for voxel as <see cref="CamNormalisation.DividedByMaximum"/> gives it, on the scan's geometry.
/// </summary>
public sealed class CamNormalisedMapTests : IDisposable
{
    readonly TemporaryDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Written_normalised_cam_is_the_raw_cam_over_its_maximum()
    {
        var (flair, t1, truth) = TwoLesionScan.Write(_folder, secondBlock: false);
        var scan = new ScanPaths(flair, t1, truth);
        using var model = ModelLoader.Load(RepositoryPaths.SmallUNet, ComputeContext.Cpu);
        var result = new ExplainRun(model, ComputeContext.Cpu, new ExplainOptions { Methods = ["gradcampp"], Threshold = 0.99 }).Run(scan, _folder.File("out"));

        Assert.NotEmpty(result.Rows);
        int withSignal = 0;
        foreach (var row in result.Rows)
        {
            string Map(string channel) => Path.Combine(_folder.File("out"), "maps", ExplainFiles.MapFileName(row.Lesion.Id, "gradcampp", channel));
            var raw = NiftiFile.ReadVolume(Map("cam"));
            var normalised = NiftiFile.Read(Map("cam-normalised"));
            Assert.Equal(CamNormalisation.DividedByMaximum(raw).Voxels, normalised.ToFloatVolume().Voxels);
            Assert.Equal(raw.Geometry.Affine, normalised.Geometry.Affine);
            float max = raw.Voxels.Max();
            if (max > 0)
            {
                withSignal++;
                Assert.Equal(1f, normalised.ToFloatVolume().Voxels.Max());
            }
        }
        Assert.True(withSignal > 0, "at least one lesion should have a non-zero Grad-CAM++ map");
    }

}
