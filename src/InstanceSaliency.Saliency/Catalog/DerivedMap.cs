using InstanceSaliency.Imaging.Volumes;

namespace InstanceSaliency.Saliency.Catalog;

/// <summary>
/// A copy of one raw map channel, transformed, that explain writes beside the raw map (e.g. Grad-CAM++'s
/// `cam-normalised`, method.md §6). The raw maps stay untouched.
/// </summary>
/// <param name="SourceChannel">The raw channel it is made from, e.g. "cam".</param>
/// <param name="Channel">Its own channel name in file names, e.g. "cam-normalised".</param>
/// <param name="Transform">The raw channel's map on the scan's grid → the copy (same geometry).</param>
public sealed record DerivedMap(string SourceChannel, string Channel, Func<Volume<float>, Volume<float>> Transform);
