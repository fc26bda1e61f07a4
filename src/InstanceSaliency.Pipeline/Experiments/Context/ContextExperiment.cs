using InstanceSaliency.Imaging.Morphology;
using InstanceSaliency.Imaging.Volumes;
using InstanceSaliency.Lesions;
using InstanceSaliency.Models.Checkpoints;
using InstanceSaliency.Models.Runtime;
using InstanceSaliency.Saliency.Inputs;
using InstanceSaliency.Saliency.Methods;
using TorchSharp;
using static TorchSharp.torch;

namespace InstanceSaliency.Pipeline.Experiments.Context;

/// <summary>
/// The context experiment (method.md §8): how much surrounding tissue the network needs to find a lesion. For
/// each lesion Ω and radius r the input x (both channels, after normalisation) is multiplied by 1[d(v, Ω) ≤ r],
/// d the Euclidean distance in mm (voxel sizes respected; <see cref="EuclideanDistanceTransform"/>), so
/// everything further away becomes background (0); the network runs once (<see cref="LesionCrop"/>: exact crop)
/// and the curve records mean p over Ω and whether any p &gt; τ.
/// </summary>
public sealed class ContextExperiment(SegmentationModel model, ComputeContext context, ContextOptions options)
{
    /// <summary>Runs the experiment on <paramref name="scan"/>; <paramref name="progress"/> gets one line per lesion.</summary>
    public ContextResult Run(ExperimentScan scan, IProgress<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(scan);
        options.Validate();
        context.Apply();
        var lesions = scan.Chosen(options.LesionIds, options.MaximumLesions, "context");
        var attribution = new AttributionModel(model);
        double threshold = scan.Segmentation.Threshold;
        var radii = options.RadiiMm();
        using var input = NetworkInput.From(scan.Flair, scan.T1, model.SizeMultiple, context.Device);
        var curves = new List<ContextCurve>();
        for (int n = 0; n < lesions.Count; n++)
        {
            var lesion = lesions[n];
            progress?.Report($"lesion {lesion.Id} ({lesion.Type.ToContractName()}, {lesion.VoxelCount} voxels) [{n}/{lesions.Count}]");
            curves.Add(Curve(attribution, input, scan, lesion, radii, threshold));
        }
        return new ContextResult(curves, radii, threshold, options.PlateauFraction);
    }

    static ContextCurve Curve(AttributionModel model, NetworkInput input, ExperimentScan scan, LesionInstance lesion, IReadOnlyList<double> radii, double threshold)
    {
        using var scope = NewDisposeScope();
        var crop = LesionCrop.For(model, input, lesion.Id, lesion.VoxelIndices);
        var x = crop.Crop();
        var distance = DistanceToLesionMm(scan.Flair, lesion, crop);
        var unmasked = crop.Probabilities(model, x);
        var means = new double[radii.Count];
        var detected = new bool[radii.Count];
        for (int n = 0; n < radii.Count; n++)
        {
            using var step = NewDisposeScope();
            using var radius = radii[n].ToScalar(); // explicit Scalar: see StableScalars
            var p = crop.Probabilities(model, x * distance.le(radius));
            means[n] = p.Average(v => (double)v);
            detected[n] = p.Any(v => v > threshold);
        }
        double segmentation = lesion.VoxelIndices.Average(v => (double)scan.Segmentation.Probability.Voxels[v]);
        return new ContextCurve(lesion, radii, means, detected, unmasked.Average(v => (double)v), unmasked.Any(v => v > threshold), segmentation);
    }

    /// <summary>
    /// d(v, Ω) in mm over the crop, as [1, 1, D, H, W]. Ω lies inside the crop, so the distances there equal those
    /// over the whole grid; padding voxels get their true distance too (their input is 0 either way).
    /// </summary>
    static Tensor DistanceToLesionMm(Volume<float> like, LesionInstance lesion, LesionCrop crop)
    {
        var omega = Volume<byte>.Zeros(like.Geometry);
        foreach (int v in lesion.VoxelIndices) omega.Voxels[v] = 1;
        var distance = EuclideanDistanceTransform.DistanceToForegroundMm(crop.Cut(omega));
        return crop.ToTensor(distance.Map(d => (float)d));
    }
}
