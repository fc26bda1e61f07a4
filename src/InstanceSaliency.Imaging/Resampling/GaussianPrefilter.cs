using InstanceSaliency.Imaging.Geometry;

namespace InstanceSaliency.Imaging.Resampling;

/// <summary>
/// Separable Gaussian blur equal to scipy.ndimage.gaussian_filter(x, sigma=[σ_i, σ_j, σ_k], mode='nearest',
/// truncate=4): along each axis with σ &gt; 1e-15 in turn (i, then j, then k), the normalised kernel
/// w(t) ∝ exp(−t² / (2σ²)), t = −r..r, r = ⌊4σ + 0.5⌋, with samples beyond the edge repeating the edge voxel.
/// Computed in double; the result is rounded to float once.
/// </summary>
static class GaussianPrefilter
{
    /// <summary>The blurred copy of <paramref name="voxels"/> (or the same array when every σ is 0).</summary>
    public static float[] Apply(float[] voxels, GridShape shape, double[] sigmas)
    {
        // Axes with σ ≤ 1e-15 are skipped (as scipy); a kernel of radius 0 is [1], the identity.
        var kernels = sigmas.Select(s => s > 1e-15 ? Kernel(s) : [1.0]).ToArray();
        if (kernels.All(k => k.Length == 1)) return voxels;
        var current = Array.ConvertAll(voxels, v => (double)v);
        int[] size = [shape.I, shape.J, shape.K];
        long[] stride = [1, shape.I, (long)shape.I * shape.J];
        for (int axis = 0; axis < 3; axis++)
            if (kernels[axis].Length > 1) current = AlongAxis(current, size, stride, axis, kernels[axis]);
        return Array.ConvertAll(current, v => (float)v);
    }

    /// <summary>scipy's _gaussian_kernel1d(σ, 0, r): exp(−0.5 t² / σ²) normalised to sum 1.</summary>
    public static double[] Kernel(double sigma)
    {
        int radius = (int)(4.0 * sigma + 0.5);
        var w = new double[2 * radius + 1];
        double sum = 0;
        for (int t = -radius; t <= radius; t++) sum += w[t + radius] = Math.Exp(-0.5 / (sigma * sigma) * t * t);
        for (int n = 0; n < w.Length; n++) w[n] /= sum;
        return w;
    }

    static double[] AlongAxis(double[] input, int[] size, long[] stride, int axis, double[] kernel)
    {
        var output = new double[input.Length];
        int n = size[axis], radius = kernel.Length / 2;
        long step = stride[axis];
        int other1 = axis == 0 ? 1 : 0, other2 = axis == 2 ? 1 : 2;
        Parallel.For(0, size[other2], b =>
        {
            for (int a = 0; a < size[other1]; a++)
            {
                long line = a * stride[other1] + b * stride[other2];
                for (int p = 0; p < n; p++)
                {
                    double s = 0;
                    for (int t = -radius; t <= radius; t++)
                        s += kernel[t + radius] * input[line + Math.Clamp(p + t, 0, n - 1) * step];
                    output[line + p * step] = s;
                }
            }
        });
        return output;
    }
}
