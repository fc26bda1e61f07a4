using InstanceSaliency.Models.Networks;

namespace InstanceSaliency.Saliency.Execution;

/// <summary>
/// The receptive-field radius of a MONAI U-Net (kernel 3 everywhere): an output voxel depends only on input
/// voxels within this many voxels along each axis. Derived layer by layer: a kernel-3 convolution applied at
/// jump J (input voxels per position) widens the support by J on each side; a transposed convolution
/// (kernel 3, stride s, padding 1, output padding 1) producing jump J widens it by at most J; a skip
/// concatenation takes the wider of its two branches. For the paper's network (strides 2,2,2,2, no residual
/// units) this gives 46 voxels. Used to size exact crops (method.md §4).
/// </summary>
public static class ReceptiveField
{
    /// <summary>The radius in voxels for <paramref name="settings"/>.</summary>
    public static int RadiusVoxels(UNetSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        // Down path: support radius and jump after each level's down unit.
        var strides = settings.Strides;
        int levels = settings.Channels.Count;
        var downRadius = new int[levels];
        var downJump = new int[levels];
        int radius = 0, jump = 1;
        for (int level = 0; level < levels; level++)
        {
            int stride = level < strides.Count ? strides[level] : 1; // the bottom unit has stride 1
            radius += DownUnitGrowth(jump, stride, settings.NumResUnits);
            jump *= stride;
            downRadius[level] = radius;
            downJump[level] = jump;
        }
        // Up path from the bottom: each level concatenates its down output with the deeper result and upsamples.
        int up = downRadius[levels - 1];
        for (int level = levels - 2; level >= 0; level--)
        {
            int concat = Math.Max(downRadius[level], up);
            int outJump = downJump[level] / strides[level];
            up = concat + outJump + (settings.NumResUnits > 0 ? outJump : 0); // transposed conv, then a 1-subunit residual unit
        }
        return up;
    }

    /// <summary>Growth of a down unit at input jump <paramref name="jump"/>: one strided conv, plus residual subunits at the output jump.</summary>
    static int DownUnitGrowth(int jump, int stride, int residualUnits) =>
        residualUnits <= 0 ? jump : jump + (residualUnits - 1) * jump * stride;
}
