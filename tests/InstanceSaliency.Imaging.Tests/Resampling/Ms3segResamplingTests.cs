using InstanceSaliency.Imaging.Geometry;
using InstanceSaliency.Imaging.Nifti;
using InstanceSaliency.Imaging.Resampling;
using InstanceSaliency.Imaging.Volumes;
using Xunit.Abstractions;

namespace InstanceSaliency.Imaging.Tests.Resampling;

/// <summary>
/// Real clinical scans (MS3SEG): T1s stored flipped (LPS, voxel array reversed along j) on an LAS FLAIR, the T1s
/// on the FLAIR grid, and the 1 mm working grid.
/// </summary>
public sealed class Ms3segResamplingTests(ITestOutputHelper output)
{
    /// <summary>The same T1 data stored unflipped: the array reversed along j and the affine A · F, F: j → J − 1 − j.</summary>
    static Volume<float> Unflipped(Volume<float> t1)
    {
        var s = t1.Shape;
        var voxels = new float[t1.Voxels.Length];
        for (int k = 0; k < s.K; k++)
            for (int j = 0; j < s.J; j++)
                Array.Copy(t1.Voxels, s.Index(0, s.J - 1 - j, k), voxels, s.Index(0, j, k), s.I);
        var flip = Affine.FromRowMajor([1, 0, 0, 0, 0, -1, 0, s.J - 1, 0, 0, 1, 0, 0, 0, 0, 1]);
        return new Volume<float>(voxels, ImageGeometry.FromAffine(s, t1.Affine.Multiply(flip)));
    }

    [Theory]
    [InlineData("104252")]
    [InlineData("105074")]
    public void A_T1_stored_flipped_resampled_onto_the_FLAIR_equals_the_same_T1_stored_unflipped(string patient)
    {
        var flair = NiftiFile.ReadVolume(Ms3segScans.File(patient, "flair.nii.gz"));
        var t1 = NiftiFile.ReadVolume(Ms3segScans.File(patient, "t1.nii.gz"));
        Assert.Equal("LPS", t1.Affine.Orientation());
        Assert.Equal("LAS", flair.Affine.Orientation());
        var unflipped = Unflipped(t1);
        Assert.True(unflipped.Affine.MaxAbsDifference(flair.Affine) < 1e-3, "the unflipped T1 lies on the FLAIR grid (float32 headers)");

        var fromFlipped = Resample.Linear(t1, flair.Geometry, "t1.nii.gz");
        VoxelAssert.Identical(unflipped.Voxels, fromFlipped.Voxels); // exact, every voxel
        VoxelAssert.Identical(unflipped.Voxels, Resample.Linear(unflipped, flair.Geometry, "t1").Voxels);

        // And the network's input on the 1 mm RAS working grid: the same bytes from either storage.
        var grid = WorkingGrid.For(flair.Geometry, (1, 1, 1), AxisConvention.Ras, "flair.nii.gz");
        VoxelAssert.Identical(grid.ToWorking(unflipped, "t1").Voxels, grid.ToWorking(t1, "t1.nii.gz").Voxels);
    }

    [Theory]
    [InlineData("104252", true)]
    [InlineData("105074", true)]
    [InlineData("101228", false)]
    public void The_T1_on_the_FLAIR_grid_correlates_with_the_FLAIR_inside_the_brain(string patient, bool storedFlipped)
    {
        var flair = NiftiFile.ReadVolume(Ms3segScans.File(patient, "flair.nii.gz"));
        var t1 = NiftiFile.ReadVolume(Ms3segScans.File(patient, "t1.nii.gz"));
        var brain = NiftiFile.ReadMask(Ms3segScans.File(patient, "brain_mask.nii.gz"));
        double right = Correlation(flair, Resample.Linear(t1, flair.Geometry, "t1.nii.gz"), brain);
        double voxelForVoxel = Correlation(flair, t1, brain);
        output.WriteLine($"{patient}: Pearson r inside the brain, through the affines {right:F3}, voxel for voxel {voxelForVoxel:F3}");
        Assert.True(right > 0.3, $"r = {right:F3}");
        if (storedFlipped) Assert.True(voxelForVoxel < 0.15, $"voxel-for-voxel r = {voxelForVoxel:F3}: the check cannot tell");
    }

    [Theory]
    [InlineData("104252")]
    [InlineData("101228")]
    public void Every_T1_and_brain_mask_covers_its_FLAIR_and_a_200_mm_shift_does_not(string patient)
    {
        var flair = NiftiFile.ReadHeader(Ms3segScans.File(patient, "flair.nii.gz")).Geometry;
        foreach (string file in new[] { "t1.nii.gz", "brain_mask.nii.gz" })
        {
            var other = NiftiFile.ReadHeader(Ms3segScans.File(patient, file)).Geometry;
            double fraction = WorldOverlap.Require(flair, "flair", other, file);
            var m = other.Affine.ToRowMajor();
            m[11] += 50;
            double shifted50 = WorldOverlap.Fraction(flair, other with { SformCode = 2, Sform = Affine.FromRowMajor(m) });
            m[11] += 150;
            double shifted200 = WorldOverlap.Fraction(flair, other with { SformCode = 2, Sform = Affine.FromRowMajor(m) });
            output.WriteLine($"{patient}/{file}: overlap {fraction:F4}, shifted 50 mm in z {shifted50:F3}, 200 mm {shifted200:F3}");
            Assert.Equal(1.0, fraction, 12);
            Assert.True(shifted200 < WorldOverlap.MinimumFraction);
        }
    }

    [Fact]
    public void Working_grid_of_a_clinical_FLAIR_keeps_the_head_where_it_is()
    {
        var flair = NiftiFile.ReadVolume(Ms3segScans.File("104252", "flair.nii.gz"));
        var grid = WorkingGrid.For(flair.Geometry, (1, 1, 1), AxisConvention.Ras, "flair.nii.gz");
        var working = grid.ToWorking(flair, "flair.nii.gz");
        var back = grid.ToNative(working, "flair");
        output.WriteLine($"104252: native {flair.Shape}, working {working.Shape} ({working.Affine.Orientation()})");
        // The FLAIR taken to 1 mm and back is the FLAIR, up to trilinear smoothing across 6.5 mm slices.
        var brain = NiftiFile.ReadMask(Ms3segScans.File("104252", "brain_mask.nii.gz"));
        Assert.True(Correlation(flair, back, brain) > 0.9);
    }

    static double Correlation(Volume<float> a, Volume<float> b, Volume<byte> mask)
    {
        double sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0;
        long n = 0;
        for (long v = 0; v < a.Voxels.Length; v++)
        {
            if (mask.Voxels[v] == 0) continue;
            double x = a.Voxels[v], y = b.Voxels[v];
            sa += x; sb += y; saa += x * x; sbb += y * y; sab += x * y; n++;
        }
        double cov = sab / n - sa / n * (sb / n);
        return cov / Math.Sqrt((saa / n - sa / n * (sa / n)) * (sbb / n - sb / n * (sb / n)));
    }
}
