using InstanceSaliency.Imaging.Geometry;
using InstanceSaliency.Imaging.Volumes;
using InstanceSaliency.Models.Training;

namespace InstanceSaliency.Models.Tests.Training;

public sealed class ThickSlicesTests
{
    [Fact]
    public void Slabs_are_averaged_and_interpolated_back_between_their_centres()
    {
        // One column, K = 6, slabs of 2 from k = 0: means 1, 5, 9 at centres 0.5, 2.5, 4.5 (worked by hand);
        // between centres linear, beyond the last constant; a linear ramp survives inside.
        var output = ThickSlices.Apply([0, 2, 4, 6, 8, 10], 1, 1, 6, slab: 2, phase: 0);
        Assert.Equal([1f, 2f, 4f, 6f, 8f, 9f], output);
    }

    [Fact]
    public void A_phase_moves_the_slab_boundaries()
    {
        // Slabs [0, 1), [1, 3), [3, 5), [5, 6): means 0, 3, 7, 10 at centres −0.5, 1.5, 3.5, 5.5 (of the full slabs):
        // k = 0 lies a quarter of the way from −0.5 to 1.5, so 0.75; k = 5 three quarters of the way from 3.5 to 5.5, so 9.25.
        var output = ThickSlices.Apply([0, 2, 4, 6, 8, 10], 1, 1, 6, slab: 2, phase: 1);
        Assert.Equal([0.75f, 2.25f, 4f, 6f, 7.75f, 9.25f], output);
    }

    [Fact]
    public void Every_column_is_done_on_its_own_and_a_slab_of_one_changes_nothing()
    {
        var voxels = Enumerable.Range(0, 2 * 3 * 8).Select(n => (float)(n * n % 17)).ToArray();
        Assert.Equal(voxels, ThickSlices.Apply(voxels, 2, 3, 8, 1, 0));
        var thick = ThickSlices.Apply(voxels, 2, 3, 8, 3, 0);
        // Column (1, 2): at its first slab's centre (k = 1) the value is the mean of that column's own three voxels.
        int n0 = 1 + 2 * 2;
        double mean = Enumerable.Range(0, 3).Average(k => voxels[n0 + 6 * k]);
        Assert.Equal(mean, thick[n0 + 6 * 1], 5);
    }

    [Fact]
    public void The_site_shift_turns_a_1_mm_scan_into_6_mm_slices_and_leaves_a_thick_slice_scan_alone()
    {
        var shift = SiteShift.Find("thick-slices-6mm")!;
        var fine = Volume<float>.Zeros(ImageGeometry.FromAffine(new GridShape(4, 4, 24), Affine.Diagonal(1, 1, 1)));
        var thin = fine.WithVoxels([.. Enumerable.Range(0, fine.Voxels.Length).Select(n => (float)(n / 16 % 2 * 10))]);
        var (f, _) = shift.Apply(thin, thin);
        // Alternating 0/10 slices average to 5 inside every 6 mm slab.
        Assert.Equal(5f, f[1, 1, 8], 4);
        var thick = Volume<float>.Zeros(ImageGeometry.FromAffine(new GridShape(4, 4, 6), Affine.Diagonal(1, 1, 7)));
        thick = thick.WithVoxels([.. Enumerable.Range(0, thick.Voxels.Length).Select(n => (float)n)]);
        Assert.Equal(thick.Voxels, shift.Apply(thick, thick).Flair.Voxels);
    }
}
