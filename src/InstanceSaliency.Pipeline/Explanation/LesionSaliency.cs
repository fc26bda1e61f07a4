using InstanceSaliency.Analysis.Features;
using InstanceSaliency.Imaging.Volumes;
using InstanceSaliency.Lesions;
using InstanceSaliency.Models.Checkpoints;
using InstanceSaliency.Models.Runtime;
using InstanceSaliency.Saliency;
using InstanceSaliency.Saliency.Catalog;
using InstanceSaliency.Saliency.Execution;
using InstanceSaliency.Saliency.Inputs;
using InstanceSaliency.Saliency.Methods;
using static TorchSharp.torch;

namespace InstanceSaliency.Pipeline.Explanation;

/// <summary>
/// The saliency of one scan's lesions, lesion by lesion: each catalog method's maps of a lesion through the execution
/// strategy (method.md §4–6) and their per-lesion features (§7), as one <see cref="LesionRow"/> of lesions.tsv. The one
/// place both `ies explain` (which also writes the maps) and the false-positive filter's features
/// (<see cref="FalsePositives.FilterFeatures"/>, which only keeps the numbers) compute them, so the two cannot drift.
/// </summary>
sealed class LesionSaliency : IDisposable
{
    readonly SegmentationModel _model;
    readonly NetworkGridLesions _network;
    readonly NetworkInput _input;
    readonly AttributionModel _attribution;
    readonly ExecutionStrategy _strategy;
    readonly List<(SaliencyMethod Entry, IAttributionMethod Method)> _methods;

    public LesionSaliency(SegmentationModel model, ComputeContext context, NetworkGridLesions network, IReadOnlyList<SaliencyMethod> catalog, MethodSettings settings,
        ExplainStrategy strategy)
    {
        (_model, _network) = (model, network);
        _attribution = new AttributionModel(model);
        _input = NetworkInput.From(network.Flair, network.T1, model.SizeMultiple, context.Device);
        _strategy = strategy == ExplainStrategy.Naive ? new FullVolumeStrategy() : new ExactCropStrategy();
        _methods = catalog.Select(entry => (Entry: entry, Method: entry.Create(settings, _input))).ToList();
        Columns = LesionRow.Columns(_methods.Select(m => (m.Entry.Name, m.Method.MapChannels(model.Description.Modalities))), LesionRings.DefaultRingCount);
    }

    /// <summary>The feature columns of the rows, in order.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>
    /// The row of <paramref name="lesion"/>: <paramref name="meanProbability"/> and every method's features. <paramref name="starting"/> and
    /// <paramref name="finished"/> bracket each method; <paramref name="map"/> receives each channel's map on the network's grid (explain writes it).
    /// </summary>
    public LesionRow Explain(LesionInstance lesion, double meanProbability, Action<SaliencyMethod>? starting = null,
        Action<SaliencyMethod, string, Volume<float>>? map = null, Action<SaliencyMethod>? finished = null)
    {
        // Ω on the grid the network saw: the lesion itself, or its native component mapped there (nearest).
        var omega = _network.Voxels(lesion);
        var target = _input.Target(lesion.Id, omega);
        var rings = LesionRings.Around(_network.Flair.Geometry, omega);
        var row = new LesionRow(lesion, meanProbability);
        foreach (var (entry, method) in _methods)
        {
            starting?.Invoke(entry);
            using (var scope = NewDisposeScope())
            {
                var maps = _strategy.Run(_attribution, method, _input, target);
                var channels = method.MapChannels(_model.Description.Modalities);
                var features = new Dictionary<string, MapFeatures>();
                for (int c = 0; c < channels.Count; c++)
                {
                    var volume = _input.ToVolume(maps[c]);
                    map?.Invoke(entry, channels[c], volume);
                    features[channels[c]] = MapFeatures.Of(volume.Voxels, omega, rings);
                    row.Add(entry.Name, channels[c], features[channels[c]]);
                }
                if (features.TryGetValue("flair", out var f) && features.TryGetValue("t1", out var t))
                    row.Add($"{entry.Name}_flair_share", MapFeatures.FlairShare(f, t));
            }
            finished?.Invoke(entry);
        }
        return row;
    }

    /// <summary>Seconds of one forward+backward pass on a typical crop (the lesion's), for the up-front estimate.</summary>
    public double Calibrate(LesionInstance lesion)
    {
        var target = _input.Target(0, _network.Voxels(lesion));
        _strategy.Run(_attribution, new InstanceGradient(), _input, target).Dispose(); // warm-up
        var watch = System.Diagnostics.Stopwatch.StartNew();
        _strategy.Run(_attribution, new InstanceGradient(), _input, target).Dispose();
        return watch.Elapsed.TotalSeconds;
    }

    public void Dispose() => _input.Dispose();
}
