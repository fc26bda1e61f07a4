namespace InstanceSaliency.Models.Segmentation;

/// <summary>Where a segmentation is: <paramref name="Stage"/> ("preprocessing", "windows", "postprocessing") and, for windows, how many of how many are done.</summary>
public readonly record struct SegmentationProgress(string Stage, int Done, int Total);
