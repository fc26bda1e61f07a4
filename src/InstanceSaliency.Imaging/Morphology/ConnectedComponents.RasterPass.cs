using InstanceSaliency.Imaging.Geometry;

namespace InstanceSaliency.Imaging.Morphology;

public static partial class ConnectedComponents
{
    /// <summary>
    /// Gives every foreground voxel a provisional label, uniting the labels of its backward neighbours (those
    /// earlier in storage order). Inside a run along i the previous voxel is already in the set, and so is every
    /// neighbour it has checked; only the offsets it could not see (<see cref="RunContinuation"/>) are checked again.
    /// </summary>
    static void RasterPass(byte[] voxels, GridShape shape, Connectivity connectivity, int[] labels, ProvisionalLabels sets)
    {
        int ni = shape.I, nj = shape.J, nk = shape.K;
        var runStart = connectivity.Backward;
        var continuation = RunContinuation(connectivity);
        var startSteps = runStart.Select(o => o.LinearStep(ni, nj)).ToArray();
        var continuationSteps = continuation.Select(o => o.LinearStep(ni, nj)).ToArray();
        Span<bool> startRowExists = stackalloc bool[runStart.Length];
        Span<bool> continuationRowExists = stackalloc bool[continuation.Length];

        for (int k = 0; k < nk; k++)
            for (int j = 0; j < nj; j++)
            {
                for (int n = 0; n < runStart.Length; n++) startRowExists[n] = RowExists(runStart[n], j, k, nj, nk);
                for (int n = 0; n < continuation.Length; n++) continuationRowExists[n] = RowExists(continuation[n], j, k, nj, nk);
                int rowStart = ni * (j + nj * k);
                var row = voxels.AsSpan(rowStart, ni);
                int i = 0;
                while (i < ni)
                {
                    int skip = row[i..].IndexOfAnyExcept((byte)0);
                    if (skip < 0) break;
                    i += skip;
                    int index = rowStart + i;
                    int current = 0;
                    for (int n = 0; n < runStart.Length; n++)
                        if (startRowExists[n] && InsideAlongI(runStart[n].I, i, ni))
                            current = Unite(current, labels[index + startSteps[n]], sets);
                    labels[index] = current == 0 ? sets.Create() : current;

                    for (i++, index++; i < ni && row[i] != 0; i++, index++)
                    {
                        current = labels[index - 1];
                        for (int n = 0; n < continuation.Length; n++)
                            if (continuationRowExists[n] && InsideAlongI(continuation[n].I, i, ni))
                                current = Unite(current, labels[index + continuationSteps[n]], sets);
                        labels[index] = current;
                    }
                }
            }
    }

    /// <summary>
    /// Backward offsets a voxel must check when the voxel before it along i is foreground: those o for which
    /// (o.I + 1, o.J, o.K) is not a neighbour of that previous voxel (and o is not the previous voxel itself).
    /// 4 of 13 for 26-connectivity, 4 of 9 for 18, 2 of 3 for 6.
    /// </summary>
    static NeighbourOffset[] RunContinuation(Connectivity connectivity) =>
        connectivity.Backward
            .Where(o => o != new NeighbourOffset(-1, 0, 0) && !connectivity.IsNeighbour(o.I + 1, o.J, o.K))
            .ToArray();

    static bool RowExists(NeighbourOffset o, int j, int k, int nj, int nk) =>
        (uint)(j + o.J) < (uint)nj && (uint)(k + o.K) < (uint)nk;

    static bool InsideAlongI(int di, int i, int ni) => (uint)(i + di) < (uint)ni;

    static int Unite(int current, int neighbour, ProvisionalLabels sets)
    {
        if (neighbour == 0 || neighbour == current) return current;
        return current == 0 ? neighbour : sets.Union(current, neighbour);
    }
}
