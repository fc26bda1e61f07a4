using InstanceSaliency.Imaging.Geometry;
using InstanceSaliency.Imaging.Resampling;
using InstanceSaliency.Imaging.Volumes;
using Xunit.Abstractions;

namespace InstanceSaliency.Imaging.Tests.Resampling;

public sealed class WorkingGridTests(ITestOutputHelper output)
{
    /// <summary>An MS3SEG-like FLAIR geometry: LAS, slightly oblique, 0.9 × 0.9 × <paramref name="sliceMm"/> mm.</summary>
    static ImageGeometry Clinical(GridShape shape, double sliceMm = 6.8)
    {
        // Rx(0.23) · Ry(0.05) · diag(−1, 1, 1): tilted as MS3SEG's 101228, axes L, A, S.
        double a = 0.23, b = 0.05;
        double[,] rx = { { 1, 0, 0 }, { 0, Math.Cos(a), -Math.Sin(a) }, { 0, Math.Sin(a), Math.Cos(a) } };
        double[,] ry = { { Math.Cos(b), 0, Math.Sin(b) }, { 0, 1, 0 }, { -Math.Sin(b), 0, Math.Cos(b) } };
        var r = new double[3, 3];
        for (int row = 0; row < 3; row++)
            for (int col = 0; col < 3; col++)
                for (int n = 0; n < 3; n++)
                    r[row, col] += rx[row, n] * ry[n, col] * (col == 0 ? -1 : 1);
        double[] zooms = [0.9, 0.9, sliceMm];
        var m = new double[16];
        for (int row = 0; row < 3; row++)
            for (int col = 0; col < 3; col++)
                m[row * 4 + col] = r[row, col] * zooms[col];
        m[3] = 116.35; m[7] = -74.81; m[11] = -88.12; m[15] = 1;
        return ImageGeometry.FromAffine(shape, Affine.FromRowMajor(m));
    }

    [Fact]
    public void Working_grid_of_a_clinical_flair_covers_its_field_of_view_at_1_mm_in_RAS()
    {
        var flair = Clinical(new GridShape(256, 256, 20));
        var grid = WorkingGrid.For(flair, (1, 1, 1), AxisConvention.Ras, "flair.nii.gz");
        var (si, sj, sk) = flair.Affine.VoxelSizes();

        // n_w = ceil((n − 1)·s / 1 mm) + 1 along each axis: 255·0.9 → 231 in-plane, 19·6.8 mm → 131 slices (k keeps the slice axis).
        Assert.Equal(new GridShape((int)Math.Ceiling(255 * si) + 1, (int)Math.Ceiling(255 * sj) + 1, (int)Math.Ceiling(19 * sk) + 1), grid.Working.Shape);
        Assert.True(grid.IsResampled);
        Assert.Equal("RAS", grid.Working.Affine.Orientation());
        var (wi, wj, wk) = grid.Working.Affine.VoxelSizes();
        Assert.Equal((1.0, 1.0, 1.0), (Math.Round(wi, 12), Math.Round(wj, 12), Math.Round(wk, 12)));
        Assert.Equal(grid.Working.QformCode, flair.SformCode);
        Assert.True(grid.Working.QformAffine.MaxAbsDifference(grid.Working.Sform) < 1e-9);

        var nativeCentre = flair.Affine.Apply(255 / 2.0, 255 / 2.0, 19 / 2.0);
        var w = grid.Working.Shape;
        var workingCentre = grid.Working.Affine.Apply((w.I - 1) / 2.0, (w.J - 1) / 2.0, (w.K - 1) / 2.0);
        Assert.True(Distance(nativeCentre, workingCentre) < 1e-9, "same world centre");
        // Every native voxel centre lies within the span of working voxel centres (so mapping back never reads outside).
        Assert.Equal(1.0, CentresInsideSpan(flair, grid.Working));
    }

    [Fact]
    public void A_1_mm_RAS_scan_is_its_own_working_grid_and_nothing_is_copied()
    {
        var flair = ImageGeometry.FromAffine(new GridShape(10, 12, 8), Affine.FromRowMajor([1, 0, 0, -5, 0, 1, 0, -6, 0, 0, 1, -4, 0, 0, 0, 1]));
        var grid = WorkingGrid.For(flair, (1, 1, 1), AxisConvention.Ras, "flair.nii.gz");
        Assert.True(grid.IsNative);
        Assert.Same(flair, grid.Working);
        var image = new Volume<float>(new float[flair.Shape.VoxelCount], flair);
        Assert.Same(image.Voxels, grid.ToWorking(image, "flair.nii.gz").Voxels);
        Assert.Same(image, grid.ToNative(image, "probability"));
    }

    [Fact]
    public void A_1_mm_LAS_scan_is_only_permuted_and_maps_back_exactly()
    {
        var flair = ImageGeometry.FromAffine(new GridShape(10, 12, 8), Affine.FromRowMajor([-1, 0, 0, 5, 0, 1, 0, -6, 0, 0, 1, -4, 0, 0, 0, 1]));
        var grid = WorkingGrid.For(flair, (1, 1, 1), AxisConvention.Ras, "flair.nii.gz");
        Assert.False(grid.IsResampled);
        Assert.False(grid.IsNative);
        var image = new Volume<float>(Enumerable.Range(0, 960).Select(n => (float)Math.Cos(n)).ToArray(), flair);
        var working = grid.ToWorking(image, "flair.nii.gz");
        Assert.Equal(image.Voxels.Order(), working.Voxels.Order());
        Assert.Equal(image.Voxels, grid.ToNative(working, "probability").Voxels);
        var labels = image.Map(v => v > 0.5f ? 7 : 0);
        Assert.Equal(labels.Voxels, BackToNativeOrder(grid, labels));
    }

    static int[] BackToNativeOrder(WorkingGrid grid, Volume<int> labels) =>
        InstanceSaliency.Imaging.Orientation.Reorientation.Apply(grid.LabelsToWorking(labels, "labels"), AxisConvention.Of(labels.Affine, "labels"), "labels").Voxels;

    [Fact]
    public void Native_to_working_to_native_of_a_smooth_field_is_within_tolerance()
    {
        // A field with 12–25 mm length scales (lesion-to-lobe sizes) on 0.9 × 0.9 × 6.8 mm voxels, to 1 mm and back.
        var flair = Clinical(new GridShape(64, 60, 12));
        var grid = WorkingGrid.For(flair, (1, 1, 1), AxisConvention.Ras, "flair.nii.gz");
        var field = Field(flair);
        var back = grid.ToNative(grid.ToWorking(field, "field"), "field");

        double worst = 0;
        for (int k = 1; k < 11; k++)
            for (int j = 1; j < 59; j++)
                for (int i = 1; i < 63; i++)
                    worst = Math.Max(worst, Math.Abs(back[i, j, k] - field[i, j, k]));
        output.WriteLine($"largest |native → working → native − native| inside the outer voxel ring: {worst:G3} (field amplitude 2)");
        Assert.True(worst < RoundTripTolerance, $"{worst} ≥ {RoundTripTolerance}");
    }

    /// <summary>
    /// Stated tolerance for the smooth-field round trip: 0.25% of the field's range (2), twice the largest error
    /// measured (0.0024). Trilinear error is about h²/8 · |f''| per pass; along the 6.8 mm slices that bounds the
    /// cos(z/25) term by 6.8²/8 · 0.5/25² ≈ 0.005, and the way back samples the first pass's piecewise-linear
    /// result at the native centres, where it is exact, so the passes do not add up. The outer voxel ring is left
    /// out: working voxels beyond the native centres are 0 (scipy 'constant' rule, SamplingBoundary).
    /// </summary>
    const double RoundTripTolerance = 0.005;

    static Volume<float> Field(ImageGeometry geometry)
    {
        var volume = Volume<float>.Zeros(geometry);
        for (long n = 0; n < volume.Voxels.Length; n++)
        {
            var (i, j, k) = geometry.Shape.Coordinates(n);
            var (x, y, z) = geometry.Affine.Apply(i, j, k);
            volume.Voxels[n] = (float)(Math.Sin(x / 12) * Math.Cos(y / 15) * 0.5 + Math.Cos(z / 25) * 0.5 + 1);
        }
        return volume;
    }

    [Fact]
    public void A_native_component_on_the_working_grid_lies_inside_its_native_voxels()
    {
        var flair = Clinical(new GridShape(40, 40, 8));
        var grid = WorkingGrid.For(flair, (1, 1, 1), AxisConvention.Ras, "flair.nii.gz");
        var labels = Volume<int>.Zeros(flair);
        for (int k = 3; k <= 5; k++)
            for (int j = 10; j <= 29; j++)
                for (int i = 15; i <= 34; i++)
                    labels[i, j, k] = 5;
        var working = grid.LabelsToWorking(labels, "labels");
        Assert.All(working.Voxels, v => Assert.True(v is 0 or 5));
        var inverse = flair.Affine.Inverse();
        long count = 0;
        double expectedVolume = 3 * 20 * 20 * flair.VoxelVolumeMm3;
        for (long n = 0; n < working.Voxels.Length; n++)
        {
            if (working.Voxels[n] == 0) continue;
            count++;
            var (i, j, k) = working.Shape.Coordinates(n);
            var (x, y, z) = grid.Working.Affine.Apply(i, j, k);
            var (a, b, c) = inverse.Apply(x, y, z);
            Assert.InRange(a, 14.5 - 1e-9, 34.5 + 1e-9);
            Assert.InRange(b, 9.5 - 1e-9, 29.5 + 1e-9);
            Assert.InRange(c, 2.5 - 1e-9, 5.5 + 1e-9);
        }
        // Nearest neighbour keeps the component's world volume (mm³) to within a few percent.
        Assert.InRange(count * grid.Working.VoxelVolumeMm3 / expectedVolume, 0.95, 1.05);
    }

    [Fact]
    public void A_map_not_on_the_working_grid_is_refused()
    {
        var flair = Clinical(new GridShape(20, 20, 6));
        var grid = WorkingGrid.For(flair, (1, 1, 1), AxisConvention.Ras, "flair.nii.gz");
        Assert.Throws<GridMismatchException>(() => grid.ToNative(Volume<float>.Zeros(flair), "probability.nii.gz"));
    }

    [Theory]
    [InlineData(0, 1, 1)]
    [InlineData(1, -1, 1)]
    [InlineData(1, 1, double.NaN)]
    public void A_bad_spacing_is_refused(double i, double j, double k)
    {
        var error = Assert.Throws<InvalidInputException>(() => WorkingGrid.For(Clinical(new GridShape(8, 8, 4)), (i, j, k), AxisConvention.Ras, "flair.nii.gz"));
        Assert.StartsWith("spacing_mm:", error.Message);
    }

    static double Distance((double X, double Y, double Z) a, (double X, double Y, double Z) b) =>
        Math.Sqrt((a.X - b.X) * (a.X - b.X) + (a.Y - b.Y) * (a.Y - b.Y) + (a.Z - b.Z) * (a.Z - b.Z));

    static double CentresInsideSpan(ImageGeometry native, ImageGeometry working)
    {
        var m = new VoxelMapping(working.Affine, native.Affine);
        long inside = 0;
        for (long n = 0; n < native.Shape.VoxelCount; n += 97)
        {
            var (i, j, k) = native.Shape.Coordinates(n);
            var (a, b, c) = m.Apply(i, j, k);
            if (a >= -1e-9 && a <= working.Shape.I - 1 + 1e-9 && b >= -1e-9 && b <= working.Shape.J - 1 + 1e-9 && c >= -1e-9 && c <= working.Shape.K - 1 + 1e-9) inside++;
        }
        return inside / (double)((native.Shape.VoxelCount + 96) / 97);
    }
}
