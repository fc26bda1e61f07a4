using InstanceSaliency.Models.Training;
using InstanceSaliency.TestSupport;

namespace InstanceSaliency.Models.Tests.Training;

public sealed class SiteShiftTests
{
    [Fact]
    public void No_shift_leaves_the_voxels_unchanged()
    {
        var (flair, t1) = SyntheticScan.Ellipsoid(12, 10, 8);
        var (f, t) = SiteShift.None.Apply(flair, t1);
        Assert.Equal(flair.Voxels, f.Voxels);
        Assert.Equal(t1.Voxels, t.Voxels);
    }

    [Fact]
    public void Gamma_keeps_background_and_maximum_and_changes_only_its_channel()
    {
        var (flair, t1) = SyntheticScan.Ellipsoid(12, 10, 8);
        var (f, t) = SiteShift.Find("flair-gamma-0.7")!.Apply(flair, t1);
        Assert.Equal(t1.Voxels, t.Voxels);
        Assert.Equal(flair.Voxels.Max(), f.Voxels.Max(), 4);
        for (int n = 0; n < f.Voxels.Length; n++)
        {
            if (flair.Voxels[n] == 0) Assert.Equal(0, f.Voxels[n]);
            else Assert.True(f.Voxels[n] >= flair.Voxels[n] - 1e-4); // γ < 1 brightens
        }
    }

    [Fact]
    public void Evaluation_bias_field_peaks_at_its_amplitude()
    {
        var field = BiasField.Evaluation(0.2, 17, 17, 17);
        double max = 0;
        for (int k = 0; k < 17; k++)
            for (int j = 0; j < 17; j++)
                for (int i = 0; i < 17; i++)
                    max = Math.Max(max, Math.Abs(field.At(i, j, k) - 1));
        Assert.Equal(0.2, max, 3);
    }

    [Fact]
    public void Blur_keeps_a_constant_interior_and_sigma_zero_is_the_identity()
    {
        var v = Enumerable.Repeat(3f, 11 * 11 * 11).ToArray();
        var blurred = GaussianBlur.Apply(v, 11, 11, 11, (1, 1, 1));
        Assert.Equal(3, blurred[5 + 11 * (5 + 11 * 5)], 4);
        Assert.True(blurred[0] < 3); // zero padding outside
        Assert.Equal(v, GaussianBlur.Apply(v, 11, 11, 11, (0, 0, 0)));
    }

    [Fact]
    public void The_standard_conditions_are_none_then_issue_5_s_six_then_issue_15_s_two()
    {
        Assert.Equal(["none", "flair-gamma-0.7", "flair-gamma-1.4", "t1-gamma-0.7", "t1-gamma-1.4", "bias-20pct", "blur-1mm", "bias-40pct", "thick-slices-6mm"],
            SiteShift.Standard.Select(s => s.Name));
        Assert.Equal(0.4, SiteShift.Find("BIAS-40PCT")!.BiasAmplitude);
        Assert.Equal(6, SiteShift.Find("thick-slices-6mm")!.ThickSliceMm);
    }
}
