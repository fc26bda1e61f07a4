using InstanceSaliency.Imaging.Geometry;
using InstanceSaliency.Imaging.Morphology;
using InstanceSaliency.Imaging.Resampling;
using InstanceSaliency.Imaging.Volumes;

namespace InstanceSaliency.Imaging.BrainMasks;

/// <summary>
/// Skull stripping with a given brain mask: voxels outside the brain become background (0) before
/// normalisation, as the models were trained on skull-stripped input (issue 14). The mask may lie on another
/// grid: world coordinates decide (<see cref="Resample.Mask"/>, linear &gt; 0.5), after checking that it
/// covers the image (<see cref="WorldOverlap"/>).
/// </summary>
public static class BrainMask
{
    /// <summary>
    /// <paramref name="image"/> × mask. Refuses (<see cref="InvalidInputException"/> naming <paramref name="maskName"/>)
    /// a 2D mask or image, an empty mask, a mask covering less than <see cref="WorldOverlap.MinimumFraction"/> of the
    /// image's field of view, and a mask that is empty once on the image's grid. Non-binary values are binarised at 0.5
    /// with a warning in the result.
    /// </summary>
    public static MaskedImage Apply(Volume<float> image, string imageName, Volume<float> mask, string maskName)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(mask);
        ThreeDimensionalGrid.Require(image.Shape, imageName);
        ThreeDimensionalGrid.Require(mask.Shape, maskName);
        var (binary, warning) = MaskBinarisation.Binarise(mask, maskName);
        if (BinaryMask.CountForeground(binary) == 0)
            throw new InvalidInputException($"{maskName}: the brain mask is empty (no voxel > {BinaryMask.DefaultThreshold}); give a mask with the brain as 1 and the rest 0.");
        double overlap = WorldOverlap.Require(image.Geometry, imageName, mask.Geometry, maskName);
        bool resample = !mask.Geometry.SameGrid(image.Geometry);
        var onImage = resample ? Resample.Mask(binary, image.Geometry, maskName) : new Volume<byte>(binary.Voxels, image.Geometry);
        if (BinaryMask.CountForeground(onImage) == 0)
            throw new InvalidInputException($"{maskName}: the brain mask has no voxel inside {imageName}'s field of view once resampled onto its grid (the mask's brain lies elsewhere in world " +
                $"space); check the mask's sform/qform.");
        return new MaskedImage(ZeroOutside(image, onImage), onImage, resample, overlap, warning is null ? [] : [warning]);
    }

    /// <summary><paramref name="image"/> with every voxel outside <paramref name="brain"/> (same voxel order, e.g. a T1 on the FLAIR's grid) set to 0.</summary>
    public static Volume<float> ZeroOutside(Volume<float> image, Volume<byte> brain)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(brain);
        var output = new float[image.Voxels.Length];
        for (int n = 0; n < output.Length; n++) output[n] = brain.Voxels[n] != 0 ? image.Voxels[n] : 0f;
        return new Volume<float>(output, image.Geometry);
    }
}
