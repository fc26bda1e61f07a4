using InstanceSaliency.Imaging.Volumes;

namespace InstanceSaliency.Saliency.Methods;

/// <summary>
/// The normalised copy of a Grad-CAM++ map (method.md §6, "cam-normalised"): L / max_v L[v], dimensionless, 1 at the
/// map's maximum. A map whose maximum is not positive (all zeros: the layer did not see the lesion) is returned as it
/// is, so zeros stay zeros and nothing divides by zero. No inversion (MONAI's default normaliser inverts: not here).
/// Geometry is kept. The raw map stays the method's output; this copy is for reading and display.
/// </summary>
public static class CamNormalisation
{
    /// <summary><paramref name="cam"/> divided by its maximum (float32 division per voxel), or <paramref name="cam"/> itself when the maximum is ≤ 0.</summary>
    public static Volume<float> DividedByMaximum(Volume<float> cam)
    {
        ArgumentNullException.ThrowIfNull(cam);
        float max = cam.Voxels.Max();
        return max > 0 ? cam.Map(v => v / max) : cam;
    }
}
