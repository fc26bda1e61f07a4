using InstanceSaliency.Saliency.Catalog;
using InstanceSaliency.Analysis.Statistics;
using InstanceSaliency.Pipeline.Explanation;
using InstanceSaliency.Lesions;
using InstanceSaliency.Models.Checkpoints;
using InstanceSaliency.Models.Runtime;
using InstanceSaliency.Saliency;
using InstanceSaliency.Saliency.Execution;
using InstanceSaliency.Saliency.Inputs;
using InstanceSaliency.Saliency.Methods;
using static TorchSharp.torch;

namespace InstanceSaliency.Pipeline.Experiments.Sanity;

/// <summary>
/// The model-randomisation sanity check of Adebayo et al. 2018 (method.md §8), cascading from the output side:
/// maps of the trained model first, then after re-initialising one more <see cref="LayerRandomisation"/> block per
/// step, Spearman ρ of |M| against the trained maps (<see cref="SanityCorrelation"/>), over the lesion's whole
/// receptive-field crop and over the voxels within <see cref="SanityOptions.NearRadiusMm"/> of it. A method whose maps keep
/// ρ near 1 explains the input, not the model. The model passed in is modified in place (its weights end up
/// randomised): load a fresh copy for anything else.
/// </summary>
public sealed class SanityExperiment(SegmentationModel model, ComputeContext context, SanityOptions options)
{
    public SanityResult Run(ExperimentScan scan, IProgress<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(scan);
        options.Validate();
        context.Apply();
        var attribution = new AttributionModel(model); // evaluation mode before any forward pass
        var layers = LayerRandomisation.Layers(model);
        if (options.MaximumLayers is int m) layers = layers.Take(m).ToList();
        var lesions = scan.Chosen(options.LesionIds, options.MaximumLesions, "sanity");
        using var input = NetworkInput.From(scan.Flair, scan.T1, model.SizeMultiple, context.Device);
        var settings = new MethodSettings(options.SmoothGrad, options.SmoothGrad.Samples, CamWeighting.Local, model.Description.CamLayer);
        var methods = options.Methods.Select(name => (Name: name, Method: SaliencyMethods.Named(name).Create(settings, input))).ToList();
        var strategy = new ExactCropStrategy();
        var trained = new Dictionary<(int, string), double[]>();
        var near = lesions.ToDictionary(l => l.Id, l => NearVoxels(attribution, input, scan, l, options.NearRadiusMm));
        var correlations = new List<SanityCorrelation>();
        for (int step = 0; step <= layers.Count; step++)
        {
            string layer = step == 0 ? "none (trained)" : layers[step - 1];
            if (step > 0) LayerRandomisation.Randomise(model, layer, options.Seed);
            progress?.Report($"step {step}/{layers.Count}: {(step == 0 ? "trained model" : "randomised " + layer)}");
            foreach (var lesion in lesions)
                foreach (var (name, method) in methods)
                {
                    var magnitudes = Magnitudes(attribution, strategy, method, input, lesion);
                    if (step == 0) trained[(lesion.Id, name)] = magnitudes;
                    var reference = trained[(lesion.Id, name)];
                    var subset = near[lesion.Id];
                    correlations.Add(new SanityCorrelation(step, layer, name, lesion, SpearmanCorrelation.Compute(reference, magnitudes),
                        SpearmanCorrelation.Compute(Pick(reference, subset), Pick(magnitudes, subset))));
                }
        }
        return new SanityResult(layers, methods.Select(x => x.Name).ToList(), correlations);
    }

    /// <summary>|M| over every map channel on the lesion's exact crop, channel by channel.</summary>
    static double[] Magnitudes(AttributionModel model, ExecutionStrategy strategy, IAttributionMethod method, NetworkInput input, LesionInstance lesion)
    {
        using var scope = NewDisposeScope();
        var target = input.Target(lesion.Id, lesion.VoxelIndices);
        var region = strategy.Region(model, method, input, target);
        var map = strategy.Run(model, method, input, target);
        var crop = map[.., TensorIndex.Slice(region.I0, region.I0 + region.SizeI), TensorIndex.Slice(region.J0, region.J0 + region.SizeJ), TensorIndex.Slice(region.K0, region.K0 + region.SizeK)];
        return crop.abs().to(ScalarType.Float64).contiguous().cpu().data<double>().ToArray();
    }

    /// <summary>
    /// Flat indices into one channel of the crop, [D, H, W] in C order, of the voxels within <paramref name="radiusMm"/>
    /// of Ω (Ω included): the lesion and its rings (method.md §7), where the map is about this lesion rather than
    /// about the network's receptive-field envelope, which every network shares.
    /// </summary>
    static (long[] Indices, long CropVoxels) NearVoxels(AttributionModel model, NetworkInput input, ExperimentScan scan, LesionInstance lesion, double radiusMm)
    {
        using var scope = NewDisposeScope();
        var crop = LesionCrop.For(model, input, lesion.Id, lesion.VoxelIndices);
        var omega = Imaging.Volumes.Volume<byte>.Zeros(scan.Flair.Geometry);
        foreach (int v in lesion.VoxelIndices) omega.Voxels[v] = 1;
        var distance = crop.ToTensor(Imaging.Morphology.EuclideanDistanceTransform.DistanceToForegroundMm(crop.Cut(omega)).Map(d => (float)d)).reshape(-1);
        var within = distance.cpu().data<float>().ToArray();
        var indices = new List<long>();
        for (long n = 0; n < within.Length; n++) if (within[n] <= radiusMm) indices.Add(n);
        return ([.. indices], within.LongLength);
    }

    /// <summary>The values at <paramref name="near"/> in every channel of a flattened [channel, D, H, W] crop map.</summary>
    static double[] Pick(double[] values, (long[] Indices, long CropVoxels) near)
    {
        long channels = values.LongLength / near.CropVoxels;
        var picked = new double[channels * near.Indices.Length];
        for (long c = 0, n = 0; c < channels; c++)
            foreach (long index in near.Indices) picked[n++] = values[c * near.CropVoxels + index];
        return picked;
    }

}
