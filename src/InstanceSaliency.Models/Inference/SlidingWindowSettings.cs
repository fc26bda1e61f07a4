namespace InstanceSaliency.Models.Inference;

/// <summary>
/// Settings of MONAI's <c>SlidingWindowInferer(roi_size, sw_batch_size, overlap, mode="gaussian", sigma_scale)</c>
/// (method.md §3). The network is passed per call.
/// </summary>
public sealed record SlidingWindowSettings
{
    /// <summary>The paper's: 96³ windows, overlap 0.25, σ = 0.125 · 96 voxels.</summary>
    public static SlidingWindowSettings Paper { get; } = new();

    /// <summary>Edge of the cubic window in voxels.</summary>
    public int RoiSizeVoxels
    {
        get;
        init => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(RoiSizeVoxels), $"The window size must be ≥ 1 voxel; got {value}.");
    } = 96;

    /// <summary>Overlap fraction of neighbouring windows: scan interval = ⌊roi · (1 − overlap)⌋ voxels (at least 1).</summary>
    public double Overlap
    {
        get;
        init => field = value is >= 0 and < 1 ? value : throw new ArgumentOutOfRangeException(nameof(Overlap), $"The overlap must be in [0, 1); got {value}.");
    } = 0.25;

    /// <summary>Gaussian importance σ as a fraction of the window edge.</summary>
    public double SigmaScale
    {
        get;
        init => field = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(SigmaScale), $"sigma_scale must be > 0; got {value}.");
    } = 0.125;

    /// <summary>
    /// Windows per network call (MONAI's sw_batch_size). Changes speed and memory only, never the result
    /// beyond float rounding.
    /// </summary>
    public int WindowsPerBatch
    {
        get;
        init => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(WindowsPerBatch), $"Windows per batch must be ≥ 1; got {value}.");
    } = 2;
}
