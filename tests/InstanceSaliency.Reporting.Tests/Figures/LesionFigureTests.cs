using InstanceSaliency.Imaging.Geometry;
using InstanceSaliency.Imaging.Volumes;
using InstanceSaliency.Reporting.Figures;
using InstanceSaliency.Reporting.Runs;
using InstanceSaliency.Analysis.ExplainFolder;

namespace InstanceSaliency.Reporting.Tests.Figures;

/// <summary>Per-lesion figures: deterministic bytes, orientation in world space, symmetric colours.</summary>
[Collection(ReportCollection.Name)]
public sealed class LesionFigureTests(ReportFixture report)
{
    [Fact]
    public void Same_inputs_give_identical_png_bytes()
    {
        var run = RunFolder.Open(report.RunFolder);
        var flair = RunFolder.ReadInput(run.Inputs.FlairPath, "FLAIR");
        var t1 = RunFolder.ReadInput(run.Inputs.T1Path, "T1");
        var images = LesionImages.Load(run, run.Lesions[0], flair, t1);
        byte[] first = LesionFigure.Render(images), second = LesionFigure.Render(images);
        Assert.Equal(first, second);
        Assert.Equal(File.ReadAllBytes(Path.Combine(report.ReportFolder, "figures", $"lesion-{run.Lesions[0].Id:D4}.png")), first);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, first[..4]);
    }

    [Fact]
    public void Slices_are_sampled_in_world_space_whatever_the_storage_order()
    {
        // The same world image stored RAS and LAS (i flipped): a bright voxel on the patient's right (x > 0) appears on
        // the viewer's left in the axial panel (radiological convention) for both.
        var ras = ImageGeometry.FromAffine(new GridShape(9, 9, 9), Affine.FromRowMajor([1, 0, 0, -4, 0, 1, 0, -4, 0, 0, 1, -4, 0, 0, 0, 1]));
        var las = ImageGeometry.FromAffine(new GridShape(9, 9, 9), Affine.FromRowMajor([-1, 0, 0, 4, 0, 1, 0, -4, 0, 0, 1, -4, 0, 0, 0, 1]));
        var a = Volume<float>.Zeros(ras); a[7, 4, 4] = 1;   // x = +3 mm
        var b = Volume<float>.Zeros(las); b[1, 4, 4] = 1;   // x = 4 − 1 = +3 mm
        var sampler = new PlaneSampler((0, 0, 0), 9, 9);
        var sa = sampler.Sample(a, DisplayPlane.Axial);
        var sb = sampler.Sample(b, DisplayPlane.Axial);
        Assert.Equal(sa, sb);
        int bright = Array.IndexOf(sa, 1f);
        Assert.Equal(4, bright / 9);   // the centre row (y = 0)
        Assert.Equal(1, bright % 9);   // column 1 of 9: the viewer's left
    }

    [Fact]
    public void Diverging_colours_are_symmetric_around_zero_and_transparent_near_it()
    {
        var map = new OverlayColourMap(Signed: true, Limit: 2);
        Assert.Equal(0, map.Colour(0.05).A);
        var plus = map.Colour(2);
        var minus = map.Colour(-2);
        Assert.True(plus.R > plus.B && minus.B > minus.R, $"{plus} / {minus}");
        Assert.Equal(plus.A, minus.A);
        Assert.Equal(0, map.Colour(double.NaN).A);
    }
}
