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
        Assert.Equal("radius_mm\tflair_contrast_sd\tt1_contrast_sd\trepeats\tdetection_rate\tmean_probability\tflair_share", table[0]);
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
