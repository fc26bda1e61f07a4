using InstanceSaliency.Imaging.Geometry;
using InstanceSaliency.Imaging.Orientation;
using InstanceSaliency.Imaging.Volumes;

namespace InstanceSaliency.Imaging.Resampling;

/// <summary>
/// A scan's native grid (the FLAIR's) paired with the network's working grid (<see cref="WorkingGridGeometry"/>),
/// and the three mappings between them: images to the working grid (trilinear, anti-aliased where coarser),
/// probability maps back to the native grid (trilinear), and native lesion components to the working grid
/// (nearest). When only the axis order differs, every mapping is an exact permutation of voxels.
/// </summary>
public sealed class WorkingGrid
{
    WorkingGrid(ImageGeometry native, ImageGeometry working, AxisPermutation permutation, bool resampled)
    {
        Native = native;
        Working = working;
        Permutation = permutation;
        IsResampled = resampled;
    }

    /// <summary>The FLAIR's grid: segmentations, truth and metrics live here.</summary>
    public ImageGeometry Native { get; }

    /// <summary>The grid the network sees.</summary>
    public ImageGeometry Working { get; }

    /// <summary>The axis permutation from the native grid to the model's axis convention.</summary>
    public AxisPermutation Permutation { get; }

    /// <summary>True when the working grid has another spacing than the FLAIR (values are interpolated).</summary>
    public bool IsResampled { get; }

    /// <summary>True when the working grid is the native grid itself: nothing is reoriented or resampled.</summary>
    public bool IsNative => !IsResampled && Permutation.IsIdentity;

    /// <summary>
    /// The working grid for the FLAIR geometry <paramref name="flair"/> at <paramref name="spacingMm"/> (mm along
    /// the working axes i, j, k) in <paramref name="convention"/>. <paramref name="name"/> (the FLAIR file) appears in errors.
    /// </summary>
    public static WorkingGrid For(ImageGeometry flair, (double I, double J, double K) spacingMm, AxisConvention convention, string name)
    {
        ArgumentNullException.ThrowIfNull(flair);
        ThreeDimensionalGrid.Require(flair.Shape, name);
        foreach (double s in new[] { spacingMm.I, spacingMm.J, spacingMm.K })
            if (!(s > 0 && double.IsFinite(s)))
                throw new InvalidInputException($"spacing_mm: {s} is not a voxel size; give three positive millimetre values (e.g. 1,1,1).");
        var permutation = Reorientation.To(flair, convention, name);
        var reoriented = permutation.IsIdentity ? flair : ReorientedGeometry.Of(flair, permutation);
        var working = WorkingGridGeometry.Of(reoriented, spacingMm);
        return new WorkingGrid(flair, working, permutation, !ReferenceEquals(working, reoriented));
    }

    /// <summary>
    /// An image (FLAIR, T1 on any grid overlapping the FLAIR) on the working grid. An image whose grid is the
    /// native grid up to an axis permutation (a T1 stored flipped, as MS3SEG's 104252) is first put in the
    /// native voxel order (<see cref="OnNativeGrid{T}"/>), so it gives the same bytes as the same data stored
    /// unflipped. Then: an exact permutation when no spacing changes, else trilinear through the affines with
    /// anti-aliasing (<see cref="Resample.Linear"/>).
    /// </summary>
    public Volume<float> ToWorking(Volume<float> image, string name)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (OnNativeGrid(image, name) is not { } native) return Resample.Linear(image, Working, name, antiAlias: true);
        if (IsResampled) return Resample.Linear(native, Working, name, antiAlias: true);
        return Permutation.IsIdentity ? native : Reorientation.Permute(native, Permutation);
    }

    /// <summary>
    /// <paramref name="image"/> as a native-grid volume (the native geometry itself) when, after reordering its
    /// axes to the native convention (exact), its shape is the native shape and its affine agrees within 1e-3 mm
    /// (the tool's same-grid rule: float32 headers of one grid differ by ~1e-5 mm); else null.
    /// </summary>
    public Volume<T>? OnNativeGrid<T>(Volume<T> image, string name) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(image);
        ThreeDimensionalGrid.Require(image.Shape, name);
        var reordered = Reorientation.Apply(image, AxisConvention.Of(Native.Affine, "the FLAIR"), name);
        return reordered.Geometry.SameGrid(Native) ? new Volume<T>(reordered.Voxels, Native) : null;
    }

    /// <summary>A working-grid map (probabilities, logits) on the native grid: trilinear, no blur.</summary>
    public Volume<float> ToNative(Volume<float> workingMap, string name)
    {
        ArgumentNullException.ThrowIfNull(workingMap);
        if (!workingMap.Geometry.SameGrid(Working))
            throw new GridMismatchException($"{name}: a {workingMap.Shape} map that is not on the working grid ({Working.Shape}); map it back with the working grid it was computed on.");
        return IsNative ? workingMap : Resample.Linear(workingMap, Native, name);
    }

    /// <summary>
    /// Native-grid labels (lesion components, truth) on the working grid by nearest neighbour (scipy order 0):
    /// each working voxel takes the label of the native voxel whose centre is nearest in index space. Exact
    /// permutation when no spacing changes.
    /// </summary>
    public Volume<T> LabelsToWorking<T>(Volume<T> nativeLabels, string name) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(nativeLabels);
        if (OnNativeGrid(nativeLabels, name) is not { } native) return Resample.Nearest(nativeLabels, Working, name);
        if (IsResampled) return Resample.Nearest(native, Working, name);
        return Permutation.IsIdentity ? native : Reorientation.Permute(native, Permutation);
    }

    /// <summary>
    /// A native-grid binary mask (a training case's lesion mask) on the working grid: trilinear interpolation of
    /// its 0/1 values, then &gt; 0.5 (<see cref="Resample.Mask"/>), so a thick-slice mask becomes a smooth 1 mm
    /// mask rather than blocks. Exact permutation when no spacing changes.
    /// </summary>
    public Volume<byte> MaskToWorking(Volume<byte> nativeMask, string name)
    {
        ArgumentNullException.ThrowIfNull(nativeMask);
        if (OnNativeGrid(nativeMask, name) is not { } native) return Resample.Mask(nativeMask, Working, name);
        if (IsResampled) return Resample.Mask(native, Working, name);
        return Permutation.IsIdentity ? native : Reorientation.Permute(native, Permutation);
    }
}
