namespace InstanceSaliency.Pipeline.Scans;

/// <summary>The files of one scan as the user names them: they name the inputs in errors and in run.json.</summary>
/// <param name="FlairPath">The FLAIR image.</param>
/// <param name="T1Path">The T1 image.</param>
/// <param name="TruthPath">The ground-truth lesion mask, when there is one.</param>
public sealed record ScanPaths(string FlairPath, string T1Path, string? TruthPath);
