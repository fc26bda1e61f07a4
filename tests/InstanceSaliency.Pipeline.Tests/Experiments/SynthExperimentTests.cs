using InstanceSaliency.Pipeline.Experiments;
using InstanceSaliency.Pipeline.Experiments.Synthetic;
using InstanceSaliency.Reporting.Charts;
using InstanceSaliency.Imaging;
using InstanceSaliency.Imaging.Morphology;
using InstanceSaliency.Imaging.Synthesis;
using InstanceSaliency.Imaging.Volumes;
using InstanceSaliency.Models.Checkpoints;
using InstanceSaliency.Models.Inference;
using InstanceSaliency.Models.Runtime;
using InstanceSaliency.Saliency;
using InstanceSaliency.TestSupport;

namespace InstanceSaliency.Pipeline.Tests.Experiments;

/// <summary>
/// The synthetic-lesion experiment on a toy brain with the hand-built network z1 = 4·(FLAIR − 2) of
/// tools/reference/experiments_reference.py, for which detection must rise with FLAIR contrast and T1 cannot matter.
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class SynthExperimentTests : IDisposable
{
    readonly TemporaryDirectory _folder = new();
    readonly SegmentationModel _model = ExperimentFixtures.FlairLinear();
    readonly Volume<float> _flair, _t1;

    public SynthExperimentTests() => (_flair, _t1) = ExperimentFixtures.Brain(48, 44, 40);

    public void Dispose()
    {
        _model.Dispose();
        _folder.Dispose();
    }

    ExperimentScan Scan(Volume<byte> truth) =>
        ExperimentScan.Load(ExperimentFixtures.Write(_folder, _flair, _t1, truth), _model, ComputeContext.Cpu, null, 6);

    static readonly SynthOptions Small = new()
    {
        RadiiMm = [2], FlairContrastsSd = [0, 2, 4, 8], T1ContrastsSd = [0, 3], Repeats = 2, ClearanceMm = 2,
        SmoothGrad = new SmoothGradOptions { Samples = 1, NoiseFractionOfFlairRange = 0 },
    };

    [Fact]
    public void Detection_and_probability_never_fall_as_FLAIR_contrast_rises_and_the_share_is_all_FLAIR()
    {
        var result = new SynthExperiment(_model, ComputeContext.Cpu, Small).Run(Scan(Volume<byte>.Zeros(_flair.Geometry)));
        Assert.Equal(4 * 2 * 2, result.Evaluations.Count);
        foreach (var series in result.Evaluations.GroupBy(e => (e.T1ContrastSd, e.Repeat)))
        {
            var ordered = series.OrderBy(e => e.FlairContrastSd).ToArray();
            for (int n = 1; n < ordered.Length; n++)
            {
                Assert.True(ordered[n].MeanProbability > ordered[n - 1].MeanProbability, $"mean p fell from FLAIR +{ordered[n - 1].FlairContrastSd} to +{ordered[n].FlairContrastSd} SD");
                Assert.True(ordered[n].Detected || !ordered[n - 1].Detected);
            }
            Assert.False(ordered[0].Detected);
            Assert.True(ordered[^1].Detected);
        }
        foreach (var e in result.Evaluations)
        {
            Assert.Equal(1.0, e.FlairShare); // the network ignores T1: its gradient is exactly 0
            var twin = result.Evaluations.Single(o => o.FlairContrastSd == e.FlairContrastSd && o.Repeat == e.Repeat && o.T1ContrastSd != e.T1ContrastSd);
            Assert.Equal(e.MeanProbability, twin.MeanProbability, 6);
        }
        var cells = result.Cells();
        Assert.Equal(8, cells.Count);
        Assert.Equal(1.0, cells.Single(c => c.FlairContrastSd == 8 && c.T1ContrastSd == 0).DetectionRate);

        SynthOutputs.Write(_folder.File("out"), result, Small, new System.Text.Json.Nodes.JsonObject());
        var table = File.ReadAllLines(Path.Combine(_folder.File("out"), "synth_cells.tsv"));
        Assert.Equal("radius_mm\tflair_contrast_sd\tt1_contrast_sd\trepeats\tdetection_rate\tmean_probability\tflair_share\tradius_i_mm\tradius_j_mm\tradius_k_mm", table[0]);
        Assert.Equal(1 + 8, table.Length);
        Assert.Equal(1 + 16, File.ReadAllLines(Path.Combine(_folder.File("out"), "synth_lesions.tsv")).Length);
        foreach (string figure in new[] { "synth_detection_rate", "synth_mean_probability", "synth_flair_share" })
            foreach (string extension in new[] { ".png", ".svg" })
                Assert.True(new FileInfo(Path.Combine(_folder.File("out"), figure + extension)).Length > 1000, figure + extension);
    }

    [Fact]
    public void Mean_probability_is_the_network_on_the_renormalised_scan_with_the_inserted_lesion()
    {
        var options = Small with { FlairContrastsSd = [3], T1ContrastsSd = [1], Repeats = 1 };
        var scan = Scan(Volume<byte>.Zeros(_flair.Geometry));
        var evaluation = Assert.Single(new SynthExperiment(_model, ComputeContext.Cpu, options).Run(scan).Evaluations);
        var (i, j, k) = evaluation.Centre;
        var inserted = new SyntheticLesionInserter().Insert(_flair, _t1, new WhiteMatterEstimate().Estimate(_flair, _t1, scan.Segmentation.Mask),
            new SyntheticLesion { CentreI = i, CentreJ = j, CentreK = k, RadiiMm = (2, 2, 2), FlairContrastSd = 3, T1ContrastSd = 1 });
        var z = IntensityNormalisation.NonzeroZScore(inserted.Flair.Voxels).Normalised;
        var omega = Enumerable.Range(0, z.Length).Where(n => inserted.Mask.Voxels[n] != 0).ToArray();
        Assert.Equal(omega.Length, evaluation.Voxels);
        Assert.Equal(omega.Average(n => 1 / (1 + Math.Exp(-4 * (z[n] - 2.0)))), evaluation.MeanProbability, 5);
        Assert.True(evaluation.FlairWhiteMatterSd > 0);
        // the lesion really is brighter on FLAIR and darker on T1 than the scan there
        Assert.All(omega, n => Assert.True(inserted.Flair.Voxels[n] > _flair.Voxels[n] && inserted.T1.Voxels[n] < _t1.Voxels[n]));
    }

    [Fact]
    public void An_ellipsoid_size_inserts_its_semi_axes_and_the_outputs_record_them()
    {
        // 2 mm sphere beside a 2 × 2 × 4 mm ellipsoid (longer along k) at the same placement.
        var options = Small with { RadiiMm = [2, new SynthRadii(2, 2, 4)], FlairContrastsSd = [3], T1ContrastsSd = [1], Repeats = 1 };
        var scan = Scan(Volume<byte>.Zeros(_flair.Geometry));
        var result = new SynthExperiment(_model, ComputeContext.Cpu, options).Run(scan);
        var sphere = result.Evaluations.Single(e => e.RadiiMm.IsSphere);
        var ellipsoid = result.Evaluations.Single(e => !e.RadiiMm.IsSphere);
        var (i, j, k) = ellipsoid.Centre;
        var expected = new SyntheticLesionInserter().Insert(_flair, _t1, new WhiteMatterEstimate().Estimate(_flair, _t1, scan.Segmentation.Mask),
            new SyntheticLesion { CentreI = i, CentreJ = j, CentreK = k, RadiiMm = (2, 2, 4), FlairContrastSd = 3, T1ContrastSd = 1 });
        Assert.Equal(expected.Mask.Voxels.Count(v => v != 0), ellipsoid.Voxels);
        Assert.True(ellipsoid.Voxels > sphere.Voxels);
        Assert.Equal(Math.Cbrt(16), ellipsoid.RadiusMm, 12);
        Assert.Equal(2, sphere.RadiusMm);

        string output = _folder.File("ellipsoid");
        SynthOutputs.Write(output, result, options, new System.Text.Json.Nodes.JsonObject());
        var cells = File.ReadAllLines(Path.Combine(output, "synth_cells.tsv")).Select(l => l.Split('\t')).ToArray();
        var lesions = File.ReadAllLines(Path.Combine(output, "synth_lesions.tsv")).Select(l => l.Split('\t')).ToArray();
        foreach (var table in new[] { cells, lesions })
        {
            string[] Column(string name) => table.Skip(1).Select(row => row[Array.IndexOf(table[0], name)]).ToArray();
            Assert.Equal(["2", Math.Cbrt(16).ToString("R", System.Globalization.CultureInfo.InvariantCulture)], Column("radius_mm"));
            Assert.Equal(["2", "2"], Column("radius_i_mm"));
            Assert.Equal(["2", "2"], Column("radius_j_mm"));
            Assert.Equal(["2", "4"], Column("radius_k_mm"));
        }
        var summary = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(output, "summary.json")))!;
        Assert.Equal("[[2,2,2],[2,2,4]]", summary["radii_ijk_mm"]!.ToJsonString());
    }

    [Theory]
    [InlineData("3", 3, 3, 3)]
    [InlineData("2.5", 2.5, 2.5, 2.5)]
    [InlineData("3x3x5", 3, 3, 5)]
    [InlineData(" 1x2.5x4 ", 1, 2.5, 4)]
    public void A_radii_value_is_a_sphere_radius_or_three_semi_axes(string text, double i, double j, double k)
    {
        var radii = SynthRadii.Parse(text);
        Assert.Equal(new SynthRadii(i, j, k), radii);
        Assert.Equal(radii, SynthRadii.Parse(radii.ToString()));
    }

    [Theory]
    [InlineData("3x3")]
    [InlineData("3x3x5x1")]
    [InlineData("3x0x5")]
    [InlineData("3x-1x5")]
    [InlineData("ax2x3")]
    [InlineData("3xx5")]
    [InlineData("NaN")]
    [InlineData("")]
    public void A_malformed_radii_value_names_the_option_and_the_form(string text)
    {
        var error = Assert.Throws<InvalidInputException>(() => SynthRadii.Parse(text));
        Assert.StartsWith($"--radii: \"{text}\" is not a radius", error.Message);
        Assert.Contains("AxBxC", error.Message);
    }

    [Fact]
    public void Placements_lie_in_white_matter_clear_of_known_lesions_and_follow_the_seed()
    {
        var truth = ExperimentFixtures.Block(_flair.Geometry, 22, 20, 19);
        var options = Small with { ClearanceMm = 3, Repeats = 6 };
        var centres = SynthPlacement.Centres(_flair, _t1, truth, options, 6);
        var whiteMatter = new WhiteMatterEstimate().Estimate(_flair, _t1, truth);
        var distance = EuclideanDistanceTransform.DistanceToForegroundMm(truth);
        Assert.Equal(6, centres.Distinct().Count());
        foreach (var (i, j, k) in centres)
        {
            Assert.Equal(1, whiteMatter[i, j, k]);
            Assert.True(distance[i, j, k] >= 3 + 2 + 2 * 1.0, $"({i}, {j}, {k}) is {distance[i, j, k]:F2} mm from the known lesion");
        }
        Assert.Equal(centres, SynthPlacement.Centres(_flair, _t1, truth, options, 6));
        Assert.NotEqual(centres, SynthPlacement.Centres(_flair, _t1, truth, options with { Seed = 1 }, 6));
    }

    [Fact]
    public void Too_little_white_matter_and_bad_grids_are_clear_errors()
    {
        var error = Assert.Throws<InvalidInputException>(() => SynthPlacement.Centres(_flair, _t1, ExperimentFixtures.Block(_flair.Geometry, 22, 20, 19), Small with { ClearanceMm = 60 }, 2));
        Assert.Contains("--clearance", error.Message);
        Assert.Contains("--radii", Assert.Throws<InvalidInputException>(() => (Small with { RadiiMm = [0] }).Validate()).Message);
        Assert.Contains("repeat", Assert.Throws<InvalidInputException>(() => (Small with { FlairContrastsSd = [1, 1] }).Validate()).Message);
        Assert.Contains("--t1-contrasts", Assert.Throws<InvalidInputException>(() => (Small with { T1ContrastsSd = [] }).Validate()).Message);
    }
}
