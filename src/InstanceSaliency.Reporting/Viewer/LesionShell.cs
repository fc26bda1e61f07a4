using InstanceSaliency.Imaging.Volumes;

namespace InstanceSaliency.Reporting.Viewer;

/// <summary>
/// The lesion's boundary voxels (inside the lesion, with a face neighbour outside it): shown as a label map in the
/// browser view it draws the lesion's outline on every slice through it (and its cap on the first and last).
/// </summary>
public static class LesionShell
{
    /// <summary>1 on the boundary voxels of <paramref name="mask"/> (values &gt; 0.5 are lesion), 0 elsewhere.</summary>
    public static Volume<byte> Of(Volume<float> mask)
    {
        ArgumentNullException.ThrowIfNull(mask);
        var s = mask.Shape;
        bool Inside(int i, int j, int k) => s.Contains(i, j, k) && mask[i, j, k] > 0.5f;
        var shell = Volume<byte>.Zeros(mask.Geometry);
        for (int k = 0; k < s.K; k++)
            for (int j = 0; j < s.J; j++)
                for (int i = 0; i < s.I; i++)
                    if (Inside(i, j, k) && !(Inside(i - 1, j, k) && Inside(i + 1, j, k) && Inside(i, j - 1, k) && Inside(i, j + 1, k) && Inside(i, j, k - 1) && Inside(i, j, k + 1)))
                        shell[i, j, k] = 1;
        return shell;
    }
}
