namespace InstanceSaliency.Imaging.Morphology;

/// <summary>The step from a voxel to one of its neighbours along i, j and k (each −1, 0 or 1).</summary>
public readonly record struct NeighbourOffset(int I, int J, int K)
{
    /// <summary>True when the neighbour of (i, j, k) lies inside a grid of size <paramref name="ni"/>×<paramref name="nj"/>×<paramref name="nk"/>.</summary>
    public bool StaysInside(int i, int j, int k, int ni, int nj, int nk) =>
        (uint)(i + I) < (uint)ni && (uint)(j + J) < (uint)nj && (uint)(k + K) < (uint)nk;

    /// <summary>The change of the linear index (i + ni·(j + nj·k)) this step makes.</summary>
    public int LinearStep(int ni, int nj) => I + ni * (J + nj * K);
}
