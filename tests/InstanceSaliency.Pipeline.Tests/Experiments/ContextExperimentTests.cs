using InstanceSaliency.Pipeline.Experiments;
using InstanceSaliency.Pipeline.Experiments.Context;
using InstanceSaliency.Imaging;
using InstanceSaliency.Imaging.Morphology;
using InstanceSaliency.Imaging.Volumes;
using InstanceSaliency.Lesions;
using InstanceSaliency.Models.Checkpoints;
using InstanceSaliency.Models.Inference;
using InstanceSaliency.Models.Runtime;
using InstanceSaliency.TestSupport;
using static TorchSharp.torch;

namespace InstanceSaliency.Pipeline.Tests.Experiments;

/// <summary>The context experiment against whole-volume forward passes of the same network.</summary>
[Collection(TorchCollection.Name)]
public sealed class ContextExperimentTests : IDisposable
{
    readonly TemporaryDirectory _folder = new();
    readonly SegmentationModel _model = ExperimentFixtures.ShallowModel();
    readonly ExperimentScan _scan;

    public ContextExperimentTests()
    {
        var (flair, t1) = SyntheticScan.Ellipsoid(56, 50, 44);
        var paths = ExperimentFixtures.Write(_folder, flair, t1, null);
        // The lesion studied: a 3×3×2 block, whatever this untrained network predicts.
        _scan = ExperimentScan.Load(paths, _model, ComputeContext.Cpu, null, 6) with { Lesions = LesionAnalysis.Run(ExperimentFixtures.Block(flair.Geometry, 20, 22, 20), null) };
    }

    public void Dispose()
    {
        _model.Dispose();
        _folder.Dispose();
    }

    ContextResult Run(ContextOptions options) => new ContextExperiment(_model, ComputeContext.Cpu, options).Run(_scan);

    /// <summary>Mean p over Ω of one forward pass over the whole padded volume, the input multiplied by <paramref name="keep"/> (scan grid).</summary>
    double WholeVolume(LesionInstance lesion, Func<int, bool> keep)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var prepared = PreparedInput.From(_scan.Flair, _scan.T1, _model.SizeMultiple, CPU);
        var mask = _scan.Flair.WithVoxels(Enumerable.Range(0, _scan.Flair.Voxels.Length).Select(n => keep(n) ? 1f : 0f).ToArray());
        var keepTensor = prepared.Padding.Pad(NetworkLayout.ToInput([mask.Voxels], mask.Shape, CPU));
        var p = nn.functional.softmax(_model.Network.call(prepared.Padded * keepTensor), 1)[0, 1];
        var probability = NetworkLayout.ToVoxels(prepared.Padding.Crop(p));
        return lesion.VoxelIndices.Average(v => (double)probability[v]);
    }

    [Fact]
    public void Radius_zero_is_the_network_on_an_input_zero_outside_the_lesion()
    {
        var result = Run(new ContextOptions { MaximumRadiusMm = 2 });
        var curve = Assert.Single(result.Curves);
        Assert.Equal(18, curve.Lesion.VoxelCount);
        var omega = curve.Lesion.VoxelIndices.ToHashSet();
        Assert.Equal(WholeVolume(curve.Lesion, omega.Contains), curve.MeanProbability[0], 1e-5);
        // r = 1 mm keeps the 6-neighbours too (distance exactly 1), not the diagonals (√2).
        var distance = EuclideanDistanceTransform.DistanceToForegroundMm(_scan.Flair.WithVoxels(Enumerable.Range(0,
            _scan.Flair.Voxels.Length).Select(n => omega.Contains(n) ? (byte)1 : (byte)0).ToArray()));
        Assert.Equal(WholeVolume(curve.Lesion, n => distance.Voxels[n] <= 1), curve.MeanProbability[1], 1e-5);
        Assert.NotEqual(curve.MeanProbability[0], curve.MeanProbability[1]);
    }

    [Fact]
    public void A_radius_beyond_the_receptive_field_gives_the_unmasked_value_which_is_the_whole_volume_forward()
    {
        // Receptive-field radius 22 voxels along each axis: every voxel it covers lies within 22·√3 ≈ 38.1 mm.
        var result = Run(new ContextOptions { MaximumRadiusMm = 39, StepMm = 13 });
        var curve = Assert.Single(result.Curves);
        Assert.Equal(curve.UnmaskedMeanProbability, curve.MeanProbability[^1]);
        Assert.Equal(curve.UnmaskedDetected, curve.Detected[^1]);
        Assert.Equal(WholeVolume(curve.Lesion, _ => true), curve.UnmaskedMeanProbability, 1e-5);
        Assert.NotEqual(curve.UnmaskedMeanProbability, curve.MeanProbability[0]);
    }

    [Fact]
    public void Same_inputs_give_the_same_bytes()
    {
        var options = new ContextOptions { MaximumRadiusMm = 4, StepMm = 2 };
        ContextOutputs.Write(_folder.File("a"), Run(options), options, new System.Text.Json.Nodes.JsonObject());
        ContextOutputs.Write(_folder.File("b"), Run(options), options, new System.Text.Json.Nodes.JsonObject());
        var files = Directory.GetFiles(_folder.File("a")).Select(f => Path.GetFileName(f)).Order().ToArray();
        Assert.Equal(["context_curves.png", "context_curves.svg", "context_curves.tsv", "context_lesions.tsv", "context_pooled.tsv", "summary.json"], files);
        foreach (string file in files.Where(f => !f.EndsWith(".svg", StringComparison.Ordinal)))
            Assert.Equal(File.ReadAllBytes(Path.Combine(_folder.File("a"), file)), File.ReadAllBytes(Path.Combine(_folder.File("b"), file)));
        // Skia numbers SVG clip paths with a per-process counter (cl_9, cl_a, …): equal up to that within one process.
        static string Svg(string path) => System.Text.RegularExpressions.Regex.Replace(File.ReadAllText(path), @"cl_[0-9a-f]+", "cl_N");
        Assert.Equal(Svg(Path.Combine(_folder.File("a"), "context_curves.svg")), Svg(Path.Combine(_folder.File("b"), "context_curves.svg")));
        var lesions = File.ReadAllLines(Path.Combine(_folder.File("a"), "context_lesions.tsv"));
        Assert.Equal("id\ttype\tvoxels\tvolume_mm3\tsegmentation_mean_probability\tunmasked_mean_probability\tunmasked_detected\tcontext_radius_mm\tsettling_radius_mm\tdetection_radius_mm",
            lesions[0]);
        Assert.Equal(2, lesions.Length);
    }

    [Fact]
    public void A_scan_without_lesions_is_a_clear_error()
    {
        var report = LesionAnalysis.Run(Volume<byte>.Zeros(_scan.Flair.Geometry), null);
        var empty = _scan with { Lesions = report };
        var error = Assert.Throws<InvalidInputException>(() => new ContextExperiment(_model, ComputeContext.Cpu, new ContextOptions()).Run(empty));
        Assert.Contains("no lesion to study", error.Message);
        var unknown = Assert.Throws<InvalidInputException>(() => Run(new ContextOptions { LesionIds = new HashSet<int> { 7 } }));
        Assert.Contains("--lesions: no lesion has id 7", unknown.Message);
    }

    [Theory]
    [InlineData(-1.0, 1.0, 0.95, "--max-radius")]
    [InlineData(10.0, 0.0, 0.95, "--step")]
    [InlineData(10.0, 1.0, 1.5, "--plateau-fraction")]
    [InlineData(10000.0, 0.5, 0.95, "at most 1000")]
    public void Options_outside_their_ranges_name_the_option(double radius, double step, double fraction, string mention)
    {
        var error = Assert.Throws<InvalidInputException>(() => new ContextOptions { MaximumRadiusMm = radius, StepMm = step, PlateauFraction = fraction }.Validate());
        Assert.Contains(mention, error.Message);
    }
}
