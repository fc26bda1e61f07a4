using InstanceSaliency.Imaging.Volumes;

namespace InstanceSaliency.Imaging.Morphology;

/// <summary>
/// Connected-component labelling of a binary mask (method.md §3): every voxel &gt; 0 is foreground; components
/// are numbered 1..n in increasing order of their first voxel in NIfTI storage order (i fastest, then j, then k),
/// as cli-contract.md fixes lesion ids.
/// </summary>
/// <remarks>
/// One raster pass with union-find over the neighbours already visited (<see cref="RasterPass"/>), then one
/// relabelling pass: no recursion and no queue, so large components cannot overflow anything. Background runs
/// are skipped with a vectorised search, which makes sparse lesion masks cheap (a 182×218×182 patient mask takes
/// a few milliseconds, most of it allocating the label buffer).
/// </remarks>
public static partial class ConnectedComponents
{
    /// <summary>Labels the components of <paramref name="mask"/> (voxels &gt; 0) under <paramref name="connectivity"/>.</summary>
    public static ComponentLabels Label(Volume<byte> mask, Connectivity connectivity)
    {
        ArgumentNullException.ThrowIfNull(mask);
        ArgumentNullException.ThrowIfNull(connectivity);
        var labels = new int[mask.Voxels.Length];
        var sets = new ProvisionalLabels();
        RasterPass(mask.Voxels, mask.Shape, connectivity, labels, sets);

        int[] ids = sets.ResolveIds(out int count);
        var sizes = new int[count];
        var all = labels.AsSpan();
        int position = 0;
        while (position < all.Length)
        {
            int skip = all[position..].IndexOfAnyExcept(0);
            if (skip < 0) break;
            position += skip;
            int id = ids[all[position]];
            all[position] = id;
            sizes[id - 1]++;
            position++;
        }
        return new ComponentLabels(mask.WithVoxels(labels), count, sizes, connectivity);
    }

    /// <summary>Labels the voxels of <paramref name="image"/> above <paramref name="threshold"/> (see <see cref="BinaryMask.Threshold"/>).</summary>
    public static ComponentLabels Label(Volume<float> image, Connectivity connectivity, float threshold = BinaryMask.DefaultThreshold) =>
        Label(BinaryMask.Threshold(image, threshold), connectivity);
}
