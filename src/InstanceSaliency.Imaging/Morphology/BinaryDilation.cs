using InstanceSaliency.Imaging.Volumes;

namespace InstanceSaliency.Imaging.Morphology;

/// <summary>
/// Binary dilation with the 3×3×3 structuring element of a <see cref="Connectivity"/> (the voxel and its
/// neighbours), repeated <c>iterations</c> times, as scipy's
/// <c>binary_dilation(mask, generate_binary_structure(3, rank), iterations)</c> with voxels outside the grid
/// counting as background.
/// </summary>
/// <remarks>
/// k dilations add exactly the voxels within k neighbour steps of the mask, so the work is a breadth-first
/// sweep that only expands the voxels added by the previous iteration. The step distance this thresholds is
/// the city-block distance for 6, the chessboard distance for 26, and max(‖d‖∞, ⌈‖d‖₁ / 2⌉) for 18 (each
/// 18-step changes at most two coordinates by one).
/// </remarks>
public static class BinaryDilation
{
    /// <summary>
    /// The mask (voxels &gt; 0) dilated <paramref name="iterations"/> times with the element of
    /// <paramref name="structuringElement"/>; 0 iterations returns the binarised mask. Output voxels are 0 or 1.
    /// </summary>
    public static Volume<byte> Dilate(Volume<byte> mask, Connectivity structuringElement, int iterations = 1)
    {
        ArgumentNullException.ThrowIfNull(mask);
        ArgumentNullException.ThrowIfNull(structuringElement);
        if (iterations < 0)
            throw new ArgumentOutOfRangeException(nameof(iterations), $"Dilation iterations must be ≥ 0; got {iterations}.");
        var shape = mask.Shape;
        int ni = shape.I, nj = shape.J, nk = shape.K;
        var output = new byte[mask.Voxels.Length];
        var frontier = new List<int>();
        var source = mask.Voxels;
        for (int n = 0; n < source.Length; n++)
            if (source[n] != 0) { output[n] = 1; frontier.Add(n); }

        var offsets = structuringElement.Offsets;
        var steps = offsets.Select(o => o.LinearStep(ni, nj)).ToArray();
        var next = new List<int>();
        for (int iteration = 0; iteration < iterations && frontier.Count > 0; iteration++)
        {
            next.Clear();
            foreach (int index in frontier)
            {
                int i = index % ni, rest = index / ni, j = rest % nj, k = rest / nj;
                for (int n = 0; n < steps.Length; n++)
                {
                    if (!offsets[n].StaysInside(i, j, k, ni, nj, nk)) continue;
                    int neighbour = index + steps[n];
                    if (output[neighbour] != 0) continue;
                    output[neighbour] = 1;
                    next.Add(neighbour);
                }
            }
            (frontier, next) = (next, frontier);
        }
        return mask.WithVoxels(output);
    }
}
