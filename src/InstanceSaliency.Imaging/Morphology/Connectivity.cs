namespace InstanceSaliency.Imaging.Morphology;

/// <summary>
/// Which voxels count as neighbours on a 3D grid: 6 (faces), 18 (faces and edges, the default of method.md §3)
/// or 26 (faces, edges and corners). A neighbour offset (di, dj, dk) has every component in {−1, 0, 1}, not all
/// zero, and at most <see cref="MaxNonZeroOffsets"/> of them non-zero: the same structuring elements as
/// scipy's <c>generate_binary_structure(3, rank)</c> with rank 1, 2 and 3.
/// </summary>
public sealed class Connectivity
{
    Connectivity(int neighbours, int maxNonZeroOffsets)
    {
        Neighbours = neighbours;
        MaxNonZeroOffsets = maxNonZeroOffsets;
        var all = new List<NeighbourOffset>();
        // Enumerated in storage order of the neighbour (k slowest, i fastest), so the first half is "backward".
        for (int dk = -1; dk <= 1; dk++)
            for (int dj = -1; dj <= 1; dj++)
                for (int di = -1; di <= 1; di++)
                {
                    int nonZero = Math.Abs(di) + Math.Abs(dj) + Math.Abs(dk);
                    if (nonZero is > 0 && nonZero <= maxNonZeroOffsets) all.Add(new NeighbourOffset(di, dj, dk));
                }
        Offsets = all;
        Backward = all.Take(all.Count / 2).ToArray();
    }

    /// <summary>Face neighbours only (6).</summary>
    public static Connectivity Face { get; } = new(6, 1);

    /// <summary>Face and edge neighbours (18): the default of method.md §3 and the paper.</summary>
    public static Connectivity FaceEdge { get; } = new(18, 2);

    /// <summary>Face, edge and corner neighbours (26).</summary>
    public static Connectivity FaceEdgeCorner { get; } = new(26, 3);

    /// <summary>The default for lesion instances (method.md §3): <see cref="FaceEdge"/>.</summary>
    public static Connectivity Default => FaceEdge;

    /// <summary>Number of neighbours of an interior voxel: 6, 18 or 26.</summary>
    public int Neighbours { get; }

    /// <summary>How many of di, dj, dk may be non-zero at once: 1, 2 or 3.</summary>
    public int MaxNonZeroOffsets { get; }

    /// <summary>All neighbour offsets, in storage order of the neighbour (the i offset varies fastest).</summary>
    public IReadOnlyList<NeighbourOffset> Offsets { get; }

    /// <summary>The neighbours that come before the voxel in storage order (half of <see cref="Offsets"/>).</summary>
    internal NeighbourOffset[] Backward { get; }

    /// <summary>The connectivity with <paramref name="neighbours"/> neighbours; only 6, 18 and 26 exist.</summary>
    /// <exception cref="ArgumentException">Any other value.</exception>
    public static Connectivity FromNeighbours(int neighbours) => neighbours switch
    {
        6 => Face,
        18 => FaceEdge,
        26 => FaceEdgeCorner,
        _ => throw new ArgumentException(
            $"Connectivity must be 6 (faces), 18 (faces and edges) or 26 (faces, edges and corners); got {neighbours}.",
            nameof(neighbours)),
    };

    /// <summary>True when (di, dj, dk) is one of <see cref="Offsets"/>.</summary>
    public bool IsNeighbour(int di, int dj, int dk)
    {
        if (Math.Abs(di) > 1 || Math.Abs(dj) > 1 || Math.Abs(dk) > 1) return false;
        int nonZero = Math.Abs(di) + Math.Abs(dj) + Math.Abs(dk);
        return nonZero > 0 && nonZero <= MaxNonZeroOffsets;
    }

    public override string ToString() => $"{Neighbours}-connectivity";
}
