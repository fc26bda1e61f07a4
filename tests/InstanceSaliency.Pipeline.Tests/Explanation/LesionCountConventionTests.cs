using System.Globalization;
using InstanceSaliency.Analysis.ExplainFolder;
using InstanceSaliency.Imaging.Morphology;
using InstanceSaliency.Imaging.Nifti;
using InstanceSaliency.Imaging.Volumes;
using InstanceSaliency.Lesions;
using InstanceSaliency.Models.Checkpoints;
using InstanceSaliency.Models.Runtime;
using InstanceSaliency.Models.Segmentation;
using InstanceSaliency.Pipeline.Explanation;
using InstanceSaliency.Pipeline.Scans;
using InstanceSaliency.Saliency;
using InstanceSaliency.TestSupport;

namespace InstanceSaliency.Pipeline.Tests.Explanation;

/// <summary>
/// The one lesion-count convention (README, Conventions): explain's instances and metrics are those of `ies lesions
/// --truth` on the segmentation (every component); --min-size only decides which are explained; --connectivity is
/// used and recorded; lesions.tsv carries the voxel centroid beside the mm one.
/// </summary>
public sealed class LesionCountConventionTests : IDisposable
{
    readonly TemporaryDirectory _folder = new();
    readonly ScanPaths _scan;
    readonly Volume<byte> _truth;

    public LesionCountConventionTests()
    {
        var (flair, t1) = SyntheticScan.Ellipsoid(40, 36, 30);
        _truth = Volume<byte>.Zeros(flair.Geometry);
        for (int k = 12; k < 14; k++) for (int j = 15; j < 18; j++) for (int i = 14; i < 17; i++) _truth[i, j, k] = 1;
        for (int k = 20; k < 22; k++) for (int j = 22; j < 24; j++) for (int i = 26; i < 28; i++) _truth[i, j, k] = 1;
        _scan = new ScanPaths(Write("flair.nii.gz", flair), Write("t1.nii.gz", t1), Write("truth.nii.gz", _truth));
    }

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData(6)]
    [InlineData(26)]
    public void Run_json_metrics_and_labels_equal_ies_lesions_whatever_the_minimum_size(int neighbours)
    {
        using var model = ModelLoader.Load(Path.Combine(RepositoryPaths.Fixtures, "models", "unet_small.pt"), ComputeContext.Cpu);
        var flair = NiftiFile.ReadVolume(_scan.FlairPath);
        var t1 = NiftiFile.ReadVolume(_scan.T1Path);
        // The small test network is untrained: a threshold at the 97th percentile of its probability gives a mask of
        // several components of several sizes (the point of the test).
        var probability = new Segmenter(model, ComputeContext.Cpu).Run(flair, t1, new SegmentationOptions { Threshold = 0.5 }).Probability.Voxels;
        double threshold = Math.Clamp((double)probability.Order().ElementAt((int)(0.97 * probability.Length)), 1e-6, 1 - 1e-6);
        var mask = new Segmenter(model, ComputeContext.Cpu).Run(flair, t1, new SegmentationOptions { Threshold = threshold }).Mask;
        var connectivity = Connectivity.FromNeighbours(neighbours);
        // What `ies lesions MASK --truth GT --connectivity c` reports (its defaults: every component).
        var reference = LesionAnalysis.Run(mask, _truth, new LesionInstanceOptions { Connectivity = connectivity });
        var sizes = reference.Lesions.Select(l => l.VoxelCount).Distinct().Order().ToArray();
        Assert.True(sizes.Length >= 2,
            $"τ {threshold}: the scan needs predicted lesions of two sizes; it has sizes {string.Join(", ", sizes)}, missed {string.Join(", ", reference.Missed.Select(l => l.VoxelCount))}");
        int minimum = sizes[^1]; // only the largest predicted lesions are explained

        var options = new ExplainOptions
        {
            Methods = ["smoothgrad"], SmoothGrad = new SmoothGradOptions { Samples = 1, NoiseFractionOfFlairRange = 0 },
            Threshold = threshold, MinimumLesionVoxels = minimum, Connectivity = connectivity,
        };
        string output = _folder.File($"c{neighbours}");
        var result = new ExplainRun(model, ComputeContext.Cpu, options).Run(_scan, output);

        var record = RunRecordFile.Read(Path.Combine(output, ExplainFiles.RunRecord));
        Assert.Equal(reference.Metrics, record.Lesions!.Metrics);
        Assert.Equal(reference.Count, record.Lesions.Predicted);
        Assert.Equal(reference.Missed.Count, record.Lesions.Missed);
        Assert.Equal(neighbours, record.Options!.Connectivity);
        Assert.Equal(reference.Lesions.Concat(reference.Missed).Count(l => l.VoxelCount >= minimum), record.Lesions.Explained);
        Assert.True(record.Lesions.Explained < reference.Count + reference.Missed.Count);
        Assert.Equal(reference.Labels.Voxels, NiftiFile.Read(Path.Combine(output, ExplainFiles.Labels)).ToFloatVolume().Voxels.Select(v => (int)v));

        var table = LesionTableFile.Read(Path.Combine(output, ExplainFiles.LesionTable));
        Assert.Equal(["centroid_x", "centroid_y", "centroid_z", "centroid_i", "centroid_j", "centroid_k", "mean_probability"], table.Columns.Skip(4).Take(7));
        foreach (var (row, lesion) in table.Rows.Zip(result.Rows.Select(r => r.Lesion)))
        {
            var expected = reference.Lesions.Concat(reference.Missed).Single(l => l.Id == lesion.Id);
            double[] voxel = [.. new[] { "centroid_i", "centroid_j", "centroid_k" }.Select(c => double.Parse(row.Fields[Array.IndexOf(table.Columns.ToArray(), c)], CultureInfo.InvariantCulture))];
            Assert.Equal([expected.CentroidVoxel.I, expected.CentroidVoxel.J, expected.CentroidVoxel.K], voxel);
            // The voxel centroid through the affine is the mm centroid.
            var mm = flair.Geometry.Affine.Apply(voxel[0], voxel[1], voxel[2]);
            Assert.Equal(row.CentroidMm.X, mm.Item1, 1e-9);
            Assert.Equal(row.CentroidMm.Z, mm.Item3, 1e-9);
        }
    }

    string Write<T>(string name, Volume<T> volume) where T : unmanaged
    {
        string path = _folder.File(name);
        NiftiFile.Write(volume, path);
        return path;
    }
}
