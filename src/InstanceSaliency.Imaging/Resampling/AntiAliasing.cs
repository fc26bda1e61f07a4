namespace InstanceSaliency.Imaging.Resampling;

/// <summary>
/// How much to blur before downsampling, per source axis, as skimage.transform.resize(anti_aliasing=True):
/// σ_a = max(0, (f_a − 1) / 2) source voxels, where f_a is the number of source voxels one target step covers
/// along source axis a (<see cref="VoxelMapping.SourceVoxelsPerStep"/>; for parallel grids spacing_tgt / spacing_src).
/// Upsampled axes (f ≤ 1) are not blurred. A clinical FLAIR of 0.9 mm in-plane onto 1 mm gets σ = 0.056 voxel,
/// whose kernel (radius ⌊4σ + 0.5⌋ = 0) is the identity; 1 mm onto 3 mm gets σ = 1 voxel.
/// </summary>
public static class AntiAliasing
{
    /// <summary>σ along source axes i, j, k, in source voxels.</summary>
    public static double[] Sigmas(VoxelMapping mapping) =>
        [Sigma(mapping.SourceVoxelsPerStep(0)), Sigma(mapping.SourceVoxelsPerStep(1)), Sigma(mapping.SourceVoxelsPerStep(2))];

    /// <summary>σ = max(0, (factor − 1) / 2) for a downsampling factor (source voxels per target voxel).</summary>
    public static double Sigma(double factor) => Math.Max(0, (factor - 1) / 2);
}
