using InstanceSaliency.Imaging.Volumes;

namespace InstanceSaliency.Imaging.BrainMasks;

/// <summary>
/// An image with a brain mask applied, and what the caller should tell the user: the mask on the image's
/// grid (0/1), whether it had to be resampled and how much of the image's field of view it covers, and
/// warnings (the library does not print them).
/// </summary>
/// <param name="Image">The image with every voxel outside the brain set to 0; same grid as the input.</param>
/// <param name="Mask">The brain mask on the image's grid, 0/1.</param>
/// <param name="Resampled">True when the mask lay on another grid and was resampled through the affines (linear &gt; 0.5).</param>
/// <param name="OverlapFraction">Fraction (0..1) of the image's voxel centres inside the mask file's field of view.</param>
/// <param name="Warnings">Lines for the user, e.g. a non-binary mask that was binarised.</param>
public sealed record MaskedImage(Volume<float> Image, Volume<byte> Mask, bool Resampled, double OverlapFraction, IReadOnlyList<string> Warnings);
