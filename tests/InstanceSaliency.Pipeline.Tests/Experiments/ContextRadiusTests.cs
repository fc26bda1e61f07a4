using InstanceSaliency.Pipeline.Experiments.Context;

namespace InstanceSaliency.Pipeline.Tests.Experiments;

public class ContextRadiusTests
{
    static readonly double[] Radii = [0, 1, 2, 3, 4];

    [Fact]
    public void Is_the_first_radius_reaching_the_fraction_of_the_plateau()
    {
        Assert.Equal(2, ContextRadius.Of(Radii, [0.1, 0.5, 0.76, 0.9, 0.8], plateau: 0.8, fraction: 0.95));
        Assert.Equal(3, ContextRadius.Of(Radii, [0.1, 0.5, 0.75, 0.8, 0.8], plateau: 0.8, fraction: 1.0));
    }

    [Fact]
    public void A_curve_already_at_the_plateau_at_zero_has_radius_zero_and_one_never_reaching_it_has_none()
    {
        Assert.Equal(0, ContextRadius.Of(Radii, [0.9, 0.1, 0.1, 0.1, 0.1], plateau: 0.8, fraction: 0.95));
        Assert.True(double.IsNaN(ContextRadius.Of(Radii, [0.1, 0.2, 0.3, 0.4, 0.5], plateau: 0.8, fraction: 0.95)));
        Assert.Equal(0, ContextRadius.Of(Radii, [0.0, 0.0, 0.0, 0.0, 0.0], plateau: 0.0, fraction: 0.95));
    }

    [Fact]
    public void The_headline_radius_is_the_TP_groups_not_the_all_group_pulled_down_by_FN()
    {
        var geometry = Imaging.Geometry.ImageGeometry.FromAffine(new Imaging.Geometry.GridShape(4, 4, 4), Imaging.Geometry.Affine.Identity);
        ContextCurve Curve(int id, Lesions.LesionType type, double[] p, double plateau) =>
            new(Lesions.LesionInstance.FromVoxels(id, [id], geometry, type), Radii, p, p.Select(v => v > 0.5).ToArray(), plateau, plateau > 0.5, plateau);
        // TP lesions reach 95% of their plateau at 3 mm; an FN lesion has a plateau ≈ 0 but, cut out of its
        // surroundings, looks lesion-like at small r (curves need not be monotone): it pulls the "all" radius to 2 mm.
        var result = new ContextResult(
            [Curve(1, Lesions.LesionType.TruePositive, [0.1, 0.3, 0.6, 0.8, 0.8], 0.8), Curve(2, Lesions.LesionType.TruePositive, [0.2, 0.4, 0.7, 0.9, 0.9], 0.9),
             Curve(3, Lesions.LesionType.FalseNegative, [0.9, 0.9, 0.9, 0.05, 0.02], 0.02)], Radii, 0.5, 0.95);

        Assert.Equal("TP", result.HeadlineGroup);
        Assert.Equal(3, result.Pooled(result.HeadlineGroup).ContextRadiusMm);
        Assert.Equal(2, result.Pooled("all").ContextRadiusMm);
        Assert.Equal("all", (result with { Curves = result.Curves.Where(c => c.Lesion.Type != Lesions.LesionType.TruePositive).ToArray() }).HeadlineGroup);
    }

    [Fact]
    public void Radii_are_multiples_of_the_step_up_to_the_maximum()
    {
        Assert.Equal([0, 0.1, 0.2, 0.30000000000000004], new ContextOptions { MaximumRadiusMm = 0.3, StepMm = 0.1 }.RadiiMm());
        Assert.Equal([0, 3, 6], new ContextOptions { MaximumRadiusMm = 8, StepMm = 3 }.RadiiMm());
        Assert.Equal([0], new ContextOptions { MaximumRadiusMm = 0 }.RadiiMm());
    }

    [Fact]
    public void The_settling_radius_is_where_the_curve_stays_within_the_band_up_to_the_end()
    {
        // rises above the plateau, comes back: first reached at 1 mm, settled from 3 mm
        double[] curve = [0.2, 0.79, 0.99, 0.81, 0.8];
        Assert.Equal(1, ContextRadius.Of(Radii, curve, plateau: 0.8, fraction: 0.95));
        Assert.Equal(3, ContextRadius.Settling(Radii, curve, plateau: 0.8, fraction: 0.95));
        Assert.True(double.IsNaN(ContextRadius.Settling(Radii, [0.8, 0.8, 0.8, 0.8, 0.5], plateau: 0.8, fraction: 0.95)));
        Assert.Equal(0, ContextRadius.Settling(Radii, [0.8, 0.8, 0.8, 0.8, 0.8], plateau: 0.8, fraction: 0.95));
    }
}
