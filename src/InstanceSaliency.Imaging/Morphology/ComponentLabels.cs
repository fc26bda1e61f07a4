using InstanceSaliency.Imaging.Volumes;

namespace InstanceSaliency.Imaging.Morphology;

/// <summary>
/// The result of <see cref="ConnectedComponents.Label(Volume{byte}, Connectivity)"/>: a label volume (0 background,
/// 1..<see cref="Count"/> components, numbered by first voxel in storage order) and each component's voxel count.
/// </summary>
public sealed class ComponentLabels
{
    readonly int[] _sizes;

    internal ComponentLabels(Volume<int> labels, int count, int[] sizes, Connectivity connectivity)
    {
        Labels = labels;
        Count = count;
        _sizes = sizes;
        Connectivity = connectivity;
    }

    /// <summary>Component id of every voxel; 0 is background. Shares the geometry of the labelled mask.</summary>
    public Volume<int> Labels { get; }

    /// <summary>Number of components n; ids are 1..n.</summary>
    public int Count { get; }

    /// <summary>Voxel count of each component: entry id − 1 belongs to component id.</summary>
    public IReadOnlyList<int> Sizes => _sizes;

    /// <summary>The connectivity the components were found with.</summary>
    public Connectivity Connectivity { get; }

    /// <summary>Voxel count of component <paramref name="id"/> (1..Count).</summary>
    public int SizeOf(int id)
    {
        if (id < 1 || id > Count)
            throw new ArgumentOutOfRangeException(nameof(id), $"Component ids run from 1 to {Count}; got {id}.");
        return _sizes[id - 1];
    }

    /// <summary>
    /// Only the components of at least <paramref name="minimumVoxels"/> voxels, renumbered 1..m consecutively in
    /// the same (first-voxel) order; removed components become background. 0 or 1 keeps everything.
    /// </summary>
    public ComponentLabels KeepingAtLeast(int minimumVoxels)
    {
        if (minimumVoxels < 0)
            throw new ArgumentOutOfRangeException(nameof(minimumVoxels), $"The minimum component size must be ≥ 0 voxels; got {minimumVoxels}.");
        var newIds = new int[Count + 1];
        var keptSizes = new List<int>();
        for (int id = 1; id <= Count; id++)
            if (_sizes[id - 1] >= minimumVoxels)
            {
                keptSizes.Add(_sizes[id - 1]);
                newIds[id] = keptSizes.Count;
            }
        if (keptSizes.Count == Count) return this;
        var source = Labels.Voxels;
        var output = new int[source.Length];
        for (int n = 0; n < source.Length; n++) output[n] = newIds[source[n]];
        return new ComponentLabels(Labels.WithVoxels(output), keptSizes.Count, keptSizes.ToArray(), Connectivity);
    }

    /// <summary>
    /// The linear voxel indices (i + I·(j + J·k)) of every component, each in increasing storage order; entry
    /// id − 1 belongs to component id.
    /// </summary>
    public int[][] VoxelIndices()
    {
        var result = new int[Count][];
        for (int c = 0; c < Count; c++) result[c] = new int[_sizes[c]];
        var filled = new int[Count];
        var labels = Labels.Voxels.AsSpan();
        int position = 0;
        while (position < labels.Length)
        {
            int skip = labels[position..].IndexOfAnyExcept(0);
            if (skip < 0) break;
            position += skip;
            int c = labels[position] - 1;
            result[c][filled[c]++] = position;
            position++;
        }
        return result;
    }
}
