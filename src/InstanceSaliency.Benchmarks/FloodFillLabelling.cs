using InstanceSaliency.Imaging.Morphology;
using InstanceSaliency.Imaging.Volumes;

namespace InstanceSaliency.Benchmarks;

/// <summary>
/// The naive reference for <see cref="ConnectedComponents"/>: a breadth-first flood fill from every unlabelled
/// foreground voxel, visited in storage order (so ids come out in first-voxel order too). Kept for the benchmark
/// and the equivalence tests, not for production use.
/// </summary>
public static class FloodFillLabelling
{
    /// <summary>Label volume (0 background, 1..n) of <paramref name="mask"/> under <paramref name="connectivity"/>.</summary>
    public static int[] Label(Volume<byte> mask, Connectivity connectivity)
    {
        ArgumentNullException.ThrowIfNull(mask);
        ArgumentNullException.ThrowIfNull(connectivity);
        var shape = mask.Shape;
        int ni = shape.I, nj = shape.J, nk = shape.K;
        var voxels = mask.Voxels;
        var labels = new int[voxels.Length];
        var offsets = connectivity.Offsets;
        var queue = new Queue<int>();
        int next = 0;
        for (int seed = 0; seed < voxels.Length; seed++)
        {
            if (voxels[seed] == 0 || labels[seed] != 0) continue;
            labels[seed] = ++next;
            queue.Enqueue(seed);
            while (queue.Count > 0)
            {
                int index = queue.Dequeue();
                var (i, j, k) = shape.Coordinates(index);
                foreach (var offset in offsets)
                {
                    if (!offset.StaysInside(i, j, k, ni, nj, nk)) continue;
                    int neighbour = index + offset.LinearStep(ni, nj);
                    if (voxels[neighbour] == 0 || labels[neighbour] != 0) continue;
                    labels[neighbour] = next;
                    queue.Enqueue(neighbour);
                }
            }
        }
        return labels;
    }
}
