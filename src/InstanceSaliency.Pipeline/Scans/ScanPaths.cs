namespace InstanceSaliency.Pipeline.Scans;

/// <summary>The files of one scan as the user names them: they name the inputs in errors and in run.json.</summary>
/// <param name="FlairPath">The FLAIR image; its grid is the scan's grid (segmentations, truth, metrics).</param>
/// <param name="T1Path">The T1 image, on the FLAIR's grid or on another grid overlapping it in world space.</param>
/// <param name="TruthPath">The ground-truth lesion mask on the FLAIR's grid, when there is one.</param>
/// <param name="BrainMaskPath">The brain mask (any grid overlapping the FLAIR), when there is one: outside it is background.</param>
public sealed record ScanPaths(string FlairPath, string T1Path, string? TruthPath, string? BrainMaskPath = null);
