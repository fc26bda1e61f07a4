namespace InstanceSaliency.Imaging.Morphology;

/// <summary>
/// The 1D squared-distance transform of Felzenszwalb &amp; Huttenlocher (2012, "Distance transforms of sampled
/// functions"): d(p) = min_q ((p − q)·s)² + f(q) over the samples q of one line, from the lower envelope of the
/// parabolas rooted at every finite f(q). Infinite samples root no parabola; a line without any finite sample
/// stays infinite. Holds its work buffers so one instance serves every line of a pass (one per thread).
/// </summary>
sealed class LowerEnvelope(int length)
{
    readonly double[] _line = new double[length];   // f, gathered from the volume
    readonly int[] _roots = new int[length];        // sample index of each envelope parabola
    readonly double[] _bounds = new double[length + 1]; // in index units: parabola r rules on (_bounds[r], _bounds[r+1]]

    /// <summary>Replaces the line of <paramref name="values"/> starting at <paramref name="start"/> with step <paramref name="stride"/> by its transform.</summary>
    public void Transform(double[] values, int start, int stride, double spacing)
    {
        int n = _line.Length;
        for (int q = 0, at = start; q < n; q++, at += stride) _line[q] = values[at];

        double s2 = spacing * spacing;
        int top = -1;
        for (int q = 0; q < n; q++)
        {
            double fq = _line[q];
            if (double.IsPositiveInfinity(fq)) continue;
            if (top < 0)
            {
                top = 0;
                _roots[0] = q;
                _bounds[0] = double.NegativeInfinity;
                _bounds[1] = double.PositiveInfinity;
                continue;
            }
            double crossing;
            while (true)
            {
                int p = _roots[top];
                // Where the parabolas of p and q meet, in index units: (f(q)/s² + q² − f(p)/s² − p²) / 2(q − p).
                crossing = ((fq - _line[p]) / s2 + ((double)q * q - (double)p * p)) / (2.0 * (q - p));
                if (crossing > _bounds[top]) break;
                top--; // q's parabola hides p's entirely; _bounds[0] = −∞ stops this before top < 0.
            }
            top++;
            _roots[top] = q;
            _bounds[top] = crossing;
            _bounds[top + 1] = double.PositiveInfinity;
        }

        if (top < 0) return; // no finite sample: the line stays +∞
        int r = 0;
        for (int q = 0, at = start; q < n; q++, at += stride)
        {
            while (_bounds[r + 1] < q) r++;
            int root = _roots[r];
            double step = (q - root) * spacing;
            // Same association as scipy's sum over axes: the earlier axes' part first, this axis added last.
            values[at] = _line[root] + step * step;
        }
    }
}
