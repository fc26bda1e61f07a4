namespace InstanceSaliency.Saliency.Targets;

/// <summary>
/// An axis-aligned box of voxels on the padded network grid (axes i, j, k = the network's D, H, W):
/// origin inclusive, size in voxels.
/// </summary>
public readonly record struct VoxelBox(int I0, int J0, int K0, int SizeI, int SizeJ, int SizeK)
{
    /// <summary>The box covering a whole grid of the given size.</summary>
    public static VoxelBox Whole(long sizeI, long sizeJ, long sizeK) => new(0, 0, 0, (int)sizeI, (int)sizeJ, (int)sizeK);

    /// <summary>Number of voxels.</summary>
    public long VoxelCount => (long)SizeI * SizeJ * SizeK;

    /// <summary>
    /// This box grown by <paramref name="margin"/> voxels on every side, with its origin rounded down to a multiple of
    /// <paramref name="alignment"/> (and its end rounded up too when <paramref name="alignEnd"/>), and clipped to
    /// [0, grid size). A grid whose sizes are multiples of the alignment keeps the clipped box aligned (method.md §4:
    /// the origin must be aligned to the network's total stride so every strided layer samples the same positions
    /// as on the whole volume; the end only when the whole network runs on the box).
    /// </summary>
    public VoxelBox Expanded(int margin, int alignment, (long I, long J, long K) grid, bool alignEnd = true)
    {
        (int Start, int Size) Axis(int start, int size, long grid)
        {
            long from = Math.Max(0, FloorTo(start - margin, alignment));
            long end = start + size + margin;
            long to = Math.Min(grid, alignEnd ? CeilTo(end, alignment) : end);
            return ((int)from, (int)(to - from));
        }
        var (i0, si) = Axis(I0, SizeI, grid.I);
        var (j0, sj) = Axis(J0, SizeJ, grid.J);
        var (k0, sk) = Axis(K0, SizeK, grid.K);
        return new VoxelBox(i0, j0, k0, si, sj, sk);
    }

    /// <summary>True when every voxel of <paramref name="other"/> lies in this box.</summary>
    public bool Contains(VoxelBox other) =>
        other.I0 >= I0 && other.J0 >= J0 && other.K0 >= K0 &&
        other.I0 + other.SizeI <= I0 + SizeI && other.J0 + other.SizeJ <= J0 + SizeJ && other.K0 + other.SizeK <= K0 + SizeK;

    public override string ToString() => $"[{I0}:{I0 + SizeI}, {J0}:{J0 + SizeJ}, {K0}:{K0 + SizeK}]";

    static long FloorTo(long value, int alignment) => (long)Math.Floor(value / (double)alignment) * alignment;
    static long CeilTo(long value, int alignment) => (long)Math.Ceiling(value / (double)alignment) * alignment;
}
