using InstanceSaliency.Imaging;
using InstanceSaliency.Imaging.Synthesis;
using InstanceSaliency.Models.Checkpoints;
using InstanceSaliency.Models.Runtime;
using InstanceSaliency.Saliency;
using InstanceSaliency.Saliency.Execution;
using InstanceSaliency.Saliency.Inputs;
using InstanceSaliency.Saliency.Methods;
using static TorchSharp.torch;

namespace InstanceSaliency.Pipeline.Experiments.Synthetic;

/// <summary>
/// The synthetic-lesion experiment (method.md §8): for every radius × FLAIR contrast × T1 contrast and every
/// placement (<see cref="SynthPlacement"/>), a smooth sphere or ellipsoid (<see cref="SynthRadii"/>) is inserted into the real scan
/// (<see cref="SyntheticLesionInserter"/>: FLAIR + c_F·σ_F·w, T1 − c_T·σ_T·w, σ the local white-matter SD), the
/// scan is normalised again as a whole (as any scan would be), and the network and SmoothGrad run on the exact
/// crop around the inserted lesion.
/// </summary>
public sealed class SynthExperiment(SegmentationModel model, ComputeContext context, SynthOptions options)
{
    public SynthResult Run(ExperimentScan scan, IProgress<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(scan);
        options.Validate();
        context.Apply();
        var existing = scan.Truth ?? scan.Segmentation.Mask;
        var centres = SynthPlacement.Centres(scan.Flair, scan.T1, existing, options, options.Repeats);
        var whiteMatter = new WhiteMatterEstimate().Estimate(scan.Flair, scan.T1, existing);
        var attribution = new AttributionModel(model);
        var inserter = new SyntheticLesionInserter();
        var strategy = new ExactCropStrategy();
        double threshold = scan.Segmentation.Threshold;
        var evaluations = new List<SynthEvaluation>();
        int total = options.RadiiMm.Count * options.FlairContrastsSd.Count * options.T1ContrastsSd.Count * centres.Count, done = 0;
        foreach (var radii in options.RadiiMm)
            foreach (double flairContrast in options.FlairContrastsSd)
                foreach (double t1Contrast in options.T1ContrastsSd)
                    for (int repeat = 0; repeat < centres.Count; repeat++)
                    {
                        progress?.Report($"radius {radii} mm, FLAIR +{flairContrast} SD, T1 -{t1Contrast} SD, placement {repeat + 1} [{done++}/{total}]");
                        var (ci, cj, ck) = centres[repeat];
                        var lesion = new SyntheticLesion
                        {
                            CentreI = ci, CentreJ = cj, CentreK = ck, RadiiMm = (radii.IMm, radii.JMm, radii.KMm), EdgeSigmaMm = options.EdgeSigmaMm,
                            FlairContrastSd = flairContrast, T1ContrastSd = t1Contrast,
                        };
                        var inserted = inserter.Insert(scan.Flair, scan.T1, whiteMatter, lesion);
                        evaluations.Add(Evaluate(attribution, strategy, inserted, lesion, radii, repeat, threshold));
                    }
        return new SynthResult(evaluations, threshold);
    }

    SynthEvaluation Evaluate(AttributionModel attribution, ExecutionStrategy strategy, SyntheticLesionResult inserted, SyntheticLesion lesion, SynthRadii radii, int repeat,
        double threshold)
    {
        var omega = Enumerable.Range(0, inserted.Mask.Voxels.Length).Where(n => inserted.Mask.Voxels[n] != 0).ToArray();
        if (omega.Length == 0)
            throw new InvalidInputException($"--radii: a {radii} mm lesion covers no voxel (weight ≥ 0.5) at voxel ({lesion.CentreI}, {lesion.CentreJ}, {lesion.CentreK}); use a larger " +
                $"radius.");
        using var scope = NewDisposeScope();
        using var input = NetworkInput.From(inserted.Flair, inserted.T1, model.SizeMultiple, context.Device);
        var crop = LesionCrop.For(attribution, input, 1, omega);
        var p = crop.Probabilities(attribution, crop.Crop());
        var map = strategy.Run(attribution, SmoothGrad.Of(Aggregation.Average, options.SmoothGrad, input), input, crop.Target);
        var index = tensor(crop.Target.FlatIndices(input.Whole));
        double flair = map[0].reshape(-1).index_select(0, index).to(ScalarType.Float64).abs().sum().item<double>();
        double t1 = map[1].reshape(-1).index_select(0, index).to(ScalarType.Float64).abs().sum().item<double>();
        return new SynthEvaluation(radii, lesion.FlairContrastSd, lesion.T1ContrastSd, repeat, (lesion.CentreI, lesion.CentreJ, lesion.CentreK), omega.Length,
            inserted.FlairWhiteMatterSd, inserted.T1WhiteMatterSd, p.Average(v => (double)v), p.Any(v => v > threshold), flair + t1 == 0 ? double.NaN : flair / (flair + t1));
    }
}
