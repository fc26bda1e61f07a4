namespace InstanceSaliency.Saliency.Catalog;

/// <summary>
/// A copy of one raw map channel, transformed, that explain writes beside the raw map (e.g. Grad-CAM++'s
/// `cam-normalised`, method.md §6). The raw maps stay untouched.
/// </summary>
/// <param name="SourceChannel">The raw channel it is made from, e.g. "cam".</param>
/// <param name="Channel">Its own channel name in file names, e.g. "cam-normalised".</param>
/// <param name="Transform">Voxels of the raw channel → voxels of the copy (a new array).</param>
public sealed record DerivedMap(string SourceChannel, string Channel, Func<float[], float[]> Transform);
