namespace InstanceSaliency.Imaging.Geometry;

/// <summary>The spatial size of a voxel grid along i, j, k; i varies fastest in storage (NIfTI order).</summary>
public readonly record struct GridShape
{
    public GridShape(int i, int j, int k)
    {
        if (i < 1 || j < 1 || k < 1)
            throw new ArgumentOutOfRangeException(nameof(i), $"Grid sizes must be ≥ 1; got {i}×{j}×{k}.");
        I = i; J = j; K = k;
    }

    public int I { get; }
    public int J { get; }
    public int K { get; }

    /// <summary>Number of voxels, I·J·K.</summary>
    public long VoxelCount => (long)I * J * K;

    /// <summary>Linear index of voxel (i, j, k): i + I·(j + J·k).</summary>
    public long Index(int i, int j, int k) => i + (long)I * (j + (long)J * k);

    /// <summary>The voxel of a linear index.</summary>
    public (int I, int J, int K) Coordinates(long index)
    {
        int i = (int)(index % I);
        long rest = index / I;
        return (i, (int)(rest % J), (int)(rest / J));
    }

    /// <summary>True when (i, j, k) lies inside the grid.</summary>
    public bool Contains(int i, int j, int k) => (uint)i < (uint)I && (uint)j < (uint)J && (uint)k < (uint)K;

    internal double CentreI => (I - 1) / 2.0;
    internal double CentreJ => (J - 1) / 2.0;
    internal double CentreK => (K - 1) / 2.0;

    public override string ToString() => $"{I}×{J}×{K}";
}
