using InstanceSaliency.Pipeline.Scans;
using System.Globalization;
using System.Text.Json;
using InstanceSaliency.Pipeline.Explanation;
using InstanceSaliency.Imaging.Nifti;
using InstanceSaliency.Imaging.Volumes;
using InstanceSaliency.Models.Checkpoints;
using InstanceSaliency.Models.Runtime;
using InstanceSaliency.Saliency;
using InstanceSaliency.TestSupport;

namespace InstanceSaliency.Pipeline.Tests.Explanation;

/// <summary>The explain use case end to end on the synthetic scan with the small reference U-Net and a ground truth.</summary>
public sealed class ExplainRunTests : IDisposable
{
    readonly TemporaryDirectory _folder = new();
    readonly ScanPaths _scan;

    public ExplainRunTests()
    {
        // Two ground-truth lesions: a 3×3×2 block and a 2×2×2 block.
        var (flair, t1, truth) = TwoLesionScan.Write(_folder);
        _scan = new ScanPaths(flair, t1, truth);
    }

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Writes_maps_table_and_labels_with_contract_names()
    {
        var result = Run("a", new ExplainOptions { SmoothGrad = new SmoothGradOptions { Samples = 2, Seed = 4 }, Threshold = 0.99 });
        string output = _folder.File("a");

        Assert.NotEmpty(result.Rows);
        foreach (var row in result.Rows)
            foreach (string file in new[] { "smoothgrad_flair", "smoothgrad_t1", "smoothgrad-max_flair", "smoothgrad-max_t1", "gradcampp_cam", "gradcampp_cam-normalised" })
                Assert.True(File.Exists(Path.Combine(output, "maps", $"lesion-{row.Lesion.Id:D4}_{file}.nii.gz")), $"missing map {file} of lesion {row.Lesion.Id}");
        Assert.True(File.Exists(Path.Combine(output, "labels.nii.gz")));
        Assert.True(File.Exists(Path.Combine(output, "missed.nii.gz")));

        var lines = File.ReadAllLines(Path.Combine(output, "lesions.tsv"));
        var header = lines[0].Split('\t');
        Assert.Equal(["id", "type", "voxels", "volume_mm3", "centroid_x", "centroid_y", "centroid_z", "centroid_i", "centroid_j", "centroid_k", "mean_probability"], header.Take(11));
        Assert.Contains("smoothgrad-max_flair_peak", header);
        Assert.Contains("smoothgrad_t1_ring3_mean", header);
        Assert.Contains("smoothgrad_flair_share", header);
        Assert.Contains("gradcampp_cam_max", header);
        Assert.Equal(result.Rows.Count + 1, lines.Length);
        Assert.All(lines.Skip(1), l => Assert.Equal(header.Length, l.Split('\t').Length));
        var share = lines.Skip(1).Select(l => double.Parse(l.Split('\t')[Array.IndexOf(header, "smoothgrad_flair_share")], CultureInfo.InvariantCulture));
        Assert.All(share, s => Assert.InRange(s, 0, 1));

        var map = NiftiFile.Read(Path.Combine(output, "maps", $"lesion-{result.Rows[0].Lesion.Id:D4}_smoothgrad_flair.nii.gz"));
        var source = NiftiFile.Read(_scan.FlairPath);
        Assert.Equal(source.Header.Dims, map.Header.Dims);
        Assert.Equal(source.Geometry.Affine, map.Geometry.Affine);
        Assert.Equal(NiftiDatatype.Float32, map.Header.Datatype);
    }

    [Fact]
    public void Same_seed_gives_identical_bytes_and_fast_equals_naive()
    {
        var options = new ExplainOptions { Methods = ["smoothgrad", "gradcampp"], SmoothGrad = new SmoothGradOptions { Samples = 2, Seed = 9 }, Threshold = 0.99 };
        var first = Run("b", options);
        Run("c", options);
        Run("d", options with { Strategy = ExplainStrategy.Naive });
        foreach (var row in first.Rows)
        {
            string name = $"lesion-{row.Lesion.Id:D4}_smoothgrad_flair.nii.gz";
            var b = NiftiFile.Read(Path.Combine(_folder.File("b"), "maps", name)).ToFloatVolume().Voxels;
            Assert.Equal(File.ReadAllBytes(Path.Combine(_folder.File("b"), "maps", name)), File.ReadAllBytes(Path.Combine(_folder.File("c"), "maps", name)));
            var d = NiftiFile.Read(Path.Combine(_folder.File("d"), "maps", name)).ToFloatVolume().Voxels;
            double diff = 0, norm = 0;
            for (int n = 0; n < b.Length; n++) { diff += (b[n] - d[n]) * (double)(b[n] - d[n]); norm += b[n] * (double)b[n]; }
            Assert.True(Math.Sqrt(diff / norm) <= 1e-5, $"lesion {row.Lesion.Id}: fast and naive differ by {Math.Sqrt(diff / norm):E2}");
        }
        Assert.Equal(File.ReadAllText(Path.Combine(_folder.File("b"), "lesions.tsv")), File.ReadAllText(Path.Combine(_folder.File("c"), "lesions.tsv")));
    }

    [Fact]
    public void A_scan_without_lesions_still_gets_every_column()
    {
        string empty = _folder.Write("empty-truth.nii.gz", Volume<byte>.Zeros(NiftiFile.ReadMask(_scan.TruthPath!).Geometry));
        using var model = ModelLoader.Load(RepositoryPaths.SmallUNet, ComputeContext.Cpu);
        var result = new ExplainRun(model, ComputeContext.Cpu, new ExplainOptions { Threshold = 0.99 })
            .Run(_scan with { TruthPath = empty }, _folder.File("none"));
        Assert.Empty(result.Rows);
        var lines = File.ReadAllLines(Path.Combine(_folder.File("none"), "lesions.tsv"));
        Assert.Single(lines);
        var header = lines[0].Split('\t');
        // 11 context columns; smoothgrad and smoothgrad-max: flair and t1 × 25 features + a FLAIR share; gradcampp: cam × 25.
        Assert.Equal(11 + 2 * (2 * 25 + 1) + 25, header.Length);
        Assert.Contains("gradcampp_cam_peak", header);
    }

    [Fact]
    public void Unknown_lesion_ids_are_refused()
    {
        var error = Assert.Throws<Imaging.InvalidInputException>(() => Run("e", new ExplainOptions { LesionIds = new HashSet<int> { 99 }, Threshold = 0.99 }));
        Assert.Contains("--lesions", error.Message);
        Assert.Contains("99", error.Message);
    }

    ExplainRun.Result Run(string folder, ExplainOptions options)
    {
        using var model = ModelLoader.Load(RepositoryPaths.SmallUNet, ComputeContext.Cpu);
        return new ExplainRun(model, ComputeContext.Cpu, options).Run(_scan, _folder.File(folder));
    }

}
