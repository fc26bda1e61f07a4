using InstanceSaliency.Lesions;

namespace InstanceSaliency.Analysis.Features;

/// <summary>
/// One row of lesions.tsv (cli-contract.md): the lesion's context (id, type, size, centroid in mm, mean lesion
/// probability inside Ω) and its saliency features, named <c>&lt;method&gt;_&lt;channel&gt;_&lt;feature&gt;</c>
/// (plus <c>&lt;method&gt;_flair_share</c>), in the order they were added.
/// </summary>
public sealed class LesionRow(LesionInstance lesion, double meanProbability)
{
    readonly List<(string Name, double Value)> _features = [];

    public LesionInstance Lesion { get; } = lesion;

    /// <summary>Mean of the lesion probability p over Ω.</summary>
    public double MeanProbability { get; } = meanProbability;

    /// <summary>The saliency features so far.</summary>
    public IReadOnlyList<(string Name, double Value)> Features => _features;

    /// <summary>Adds the features of one method's map on one channel.</summary>
    public void Add(string method, string channel, MapFeatures features)
    {
        foreach (var (name, value) in MapFeatures.Names(features.RingMean.Length).Zip(features.Values()))
            _features.Add(($"{method}_{channel}_{name}", value));
    }

    /// <summary>
    /// The feature columns of a run with <paramref name="methods"/>, each with its map channels: per channel the
    /// <see cref="MapFeatures.Names"/>, and <c>&lt;method&gt;_flair_share</c> for methods with flair and t1 maps.
    /// </summary>
    public static IReadOnlyList<string> Columns(IEnumerable<(string Method, IReadOnlyList<string> Channels)> methods, int ringCount)
    {
        var columns = new List<string>();
        foreach (var (method, channels) in methods)
        {
            foreach (string channel in channels)
                columns.AddRange(MapFeatures.Names(ringCount).Select(name => $"{method}_{channel}_{name}"));
            if (channels.Contains("flair") && channels.Contains("t1")) columns.Add($"{method}_flair_share");
        }
        return columns;
    }

    /// <summary>Adds a single named feature (e.g. <c>smoothgrad_flair_share</c>).</summary>
    public void Add(string name, double value) => _features.Add((name, value));
}
