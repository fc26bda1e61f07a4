namespace InstanceSaliency.Imaging.Morphology;

/// <summary>
/// Union-find over the provisional labels of one raster pass. A union keeps the smaller label as the root, so
/// every set's root is its smallest label, i.e. the label created first.
/// </summary>
sealed class ProvisionalLabels
{
    int[] _parent = new int[1024]; // label 0 is background and never used
    int _count;

    /// <summary>Number of labels created so far (labels are 1..Count).</summary>
    public int Count => _count;

    /// <summary>A new singleton label.</summary>
    public int Create()
    {
        int label = ++_count;
        if (label == _parent.Length) Array.Resize(ref _parent, _parent.Length * 2);
        _parent[label] = label;
        return label;
    }

    /// <summary>The root (smallest label) of the set holding <paramref name="label"/>, halving the path on the way.</summary>
    public int Find(int label)
    {
        var parent = _parent;
        while (parent[label] != label)
        {
            parent[label] = parent[parent[label]];
            label = parent[label];
        }
        return label;
    }

    /// <summary>Merges the sets of <paramref name="a"/> and <paramref name="b"/>; returns the root of the merged set.</summary>
    public int Union(int a, int b)
    {
        int ra = Find(a), rb = Find(b);
        if (ra == rb) return ra;
        if (ra < rb) { _parent[rb] = ra; return ra; }
        _parent[ra] = rb;
        return rb;
    }

    /// <summary>
    /// Final ids 1..n for every provisional label, numbered in increasing order of the roots. Index 0 maps to 0.
    /// Roots are created in storage order, so this is the order of each component's first voxel.
    /// </summary>
    public int[] ResolveIds(out int componentCount)
    {
        var ids = new int[_count + 1];
        int n = 0;
        for (int label = 1; label <= _count; label++)
        {
            int root = Find(label);
            // root ≤ label, so the root's id is already known when label is not a root.
            ids[label] = root == label ? ++n : ids[root];
        }
        componentCount = n;
        return ids;
    }
}
