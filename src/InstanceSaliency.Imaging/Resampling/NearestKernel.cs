using InstanceSaliency.Imaging.Geometry;

namespace InstanceSaliency.Imaging.Resampling;

/// <summary>
/// Nearest-neighbour lookup at one source coordinate, as scipy's order-0 map_coordinates: the voxel
/// ⌊c + 0.5⌋ on each axis (halves round up), or "outside" (<see cref="SamplingBoundary"/>).
/// </summary>
static class NearestKernel
{
    /// <summary>The linear index of the nearest source voxel, or −1 outside.</summary>
    public static long Index(GridShape shape, double x, double y, double z)
    {
        x = SamplingBoundary.Snap(x);
        y = SamplingBoundary.Snap(y);
        z = SamplingBoundary.Snap(z);
        if (!SamplingBoundary.Inside(x, shape.I) || !SamplingBoundary.Inside(y, shape.J) || !SamplingBoundary.Inside(z, shape.K))
            return -1;
        return shape.Index((int)Math.Floor(x + 0.5), (int)Math.Floor(y + 0.5), (int)Math.Floor(z + 0.5));
    }
}
