namespace InstanceSaliency.Imaging.Geometry;

/// <summary>
/// The rule shared by resampling, reorientation, working grids and brain masks: they need a 3D volume. A 2D
/// image (fewer than three dimensions, or one spatial axis of size 1) has no extent along that axis, so a
/// field of view, an overlap or a trilinear sample across it is undefined.
/// </summary>
public static class ThreeDimensionalGrid
{
    /// <summary>Throws <see cref="InvalidInputException"/> naming <paramref name="name"/> when any of i, j, k has size 1.</summary>
    public static void Require(GridShape shape, string name)
    {
        if (shape.I < 2 || shape.J < 2 || shape.K < 2)
            throw new InvalidInputException(
                $"{name}: a 2D image ({shape} voxels); resampling, reorientation and brain masks need a 3D volume with at least 2 voxels along each of i, j and k; give the whole 3D scan.");
    }
}
