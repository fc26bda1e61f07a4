namespace InstanceSaliency.Imaging.Volumes;

/// <summary>Two images that must share a voxel grid do not (method.md §1: refuse, never resample silently).</summary>
public sealed class GridMismatchException(string message) : InvalidInputException(message);
