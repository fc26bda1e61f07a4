namespace InstanceSaliency.Models.Inference;

/// <summary>
/// Window origins of MONAI's sliding window (<c>_get_scan_interval</c> and <c>dense_patch_slices</c>): per axis of
/// size n with window r, interval = r when r = n, else max(⌊r(1 − overlap)⌋, 1); starts 0, interval, 2·interval, …
/// up to the first that reaches the end, the last shifted back to end exactly at n. Windows are listed with the
/// last axis fastest (numpy meshgrid "ij").
/// </summary>
public static class WindowGrid
{
    /// <summary>Origins (D, H, W) of the windows over <paramref name="size"/>; every size must be ≥ <paramref name="roi"/>.</summary>
    public static IReadOnlyList<(int D, int H, int W)> Starts(IReadOnlyList<int> size, int roi, double overlap)
    {
        var perAxis = size.Select(n => AxisStarts(n, roi, overlap)).ToArray();
        var result = new List<(int, int, int)>();
        foreach (int d in perAxis[0])
            foreach (int h in perAxis[1])
                foreach (int w in perAxis[2])
                    result.Add((d, h, w));
        return result;
    }

    /// <summary>Window origins along one axis of <paramref name="n"/> voxels.</summary>
    public static int[] AxisStarts(int n, int roi, double overlap)
    {
        if (roi > n) throw new ArgumentException($"The window ({roi}) is larger than the axis ({n}); pad first.", nameof(roi));
        int interval = roi == n ? roi : Math.Max((int)(roi * (1 - overlap)), 1);
        int num = (int)Math.Ceiling((double)n / interval);
        int count = 1;
        for (int d = 0; d < num; d++)
            if ((long)d * interval + roi >= n) { count = d + 1; break; }
        var starts = new int[count];
        for (int idx = 0; idx < count; idx++)
        {
            int start = idx * interval;
            starts[idx] = start - Math.Max(start + roi - n, 0);
        }
        return starts;
    }
}
