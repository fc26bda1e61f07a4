using InstanceSaliency.Imaging.Morphology;
using InstanceSaliency.Imaging.Volumes;
using InstanceSaliency.Lesions;
using InstanceSaliency.Models.Checkpoints;

namespace InstanceSaliency.Models.Segmentation;

/// <summary>
/// The post-processing that belongs to a model (issue 15; <c>model.json</c> keys <c>threshold</c>,
/// <c>min_lesion_mm3</c>, <c>test_time_flips</c>), chosen on its validation scans and applied by <c>ies segment</c>:
/// mask = p &gt; τ, then predicted components (18-connected, on the FLAIR's grid) smaller than
/// <see cref="MinLesionMm3"/> in world volume removed. The flips act on p before (<see cref="Inference.FlipTestTimeAugmentation"/>).
/// </summary>
/// <param name="Threshold">τ on p = softmax(z)[1].</param>
/// <param name="MinLesionMm3">Smallest kept component (mm³); 0 keeps all.</param>
/// <param name="TestTimeFlips">Whether p is the mean over the 8 flips.</param>
public sealed record ModelPostprocessing(double Threshold, double MinLesionMm3, bool TestTimeFlips)
{
    /// <summary>The post-processing <paramref name="description"/> stores (absent keys: none).</summary>
    public static ModelPostprocessing Of(ModelDescription description)
    {
        ArgumentNullException.ThrowIfNull(description);
        return new(description.Threshold, description.MinLesionMm3 ?? 0, description.TestTimeFlips ?? false);
    }

    /// <summary><paramref name="description"/> with this post-processing stored in it.</summary>
    public ModelDescription StoreIn(ModelDescription description)
    {
        ArgumentNullException.ThrowIfNull(description);
        return description with { Threshold = Threshold, MinLesionMm3 = MinLesionMm3 > 0 ? MinLesionMm3 : null, TestTimeFlips = TestTimeFlips ? true : null };
    }

    /// <summary>
    /// A scan segmented as `ies segment` does it with this post-processing: p (plain, or the mean over the 8 flips,
    /// <see cref="Inference.FlipTestTimeAugmentation"/>), mask = p &gt; τ, components under <see cref="MinLesionMm3"/>
    /// removed. `segment` and `train fp-filter` share it, so a filter learns from the lesions `segment` would give it.
    /// </summary>
    public SegmentationResult Segment(Segmenter segmenter, Volume<float> flair, Volume<float> t1, IProgress<SegmentationProgress>? progress,
        string flairName, string t1Name)
    {
        ArgumentNullException.ThrowIfNull(segmenter);
        var result = TestTimeFlips
            ? Inference.FlipTestTimeAugmentation.Run(segmenter, flair, t1, Threshold, progress, flairName, t1Name)
            : segmenter.Run(flair, t1, new SegmentationOptions { Threshold = Threshold }, progress, flairName, t1Name);
        return MinLesionMm3 > 0 ? result with { Mask = RemoveSmallLesions(result.Mask, MinLesionMm3) } : result;
    }

    /// <summary>The lesion mask of <paramref name="probability"/>: p &gt; τ without the components under <see cref="MinLesionMm3"/>.</summary>
    public Volume<byte> Mask(Volume<float> probability)
    {
        ArgumentNullException.ThrowIfNull(probability);
        var mask = probability.Map(p => p > Threshold ? (byte)1 : (byte)0);
        return RemoveSmallLesions(mask, MinLesionMm3);
    }

    /// <summary>
    /// <paramref name="mask"/> without its components (18-connected) whose world volume (voxels × voxel volume) is
    /// below <paramref name="minimumMm3"/>; the mask itself when nothing is removed.
    /// </summary>
    public static Volume<byte> RemoveSmallLesions(Volume<byte> mask, double minimumMm3)
    {
        ArgumentNullException.ThrowIfNull(mask);
        if (minimumMm3 <= 0) return mask;
        var small = LesionExtraction.Extract(mask, new LesionInstanceOptions { Connectivity = Connectivity.Default })
            .Lesions.Where(l => l.VolumeMm3 < minimumMm3).ToList();
        if (small.Count == 0) return mask;
        var voxels = (byte[])mask.Voxels.Clone();
        foreach (var lesion in small)
            foreach (int n in lesion.VoxelIndices) voxels[n] = 0;
        return mask.WithVoxels(voxels);
    }
}
