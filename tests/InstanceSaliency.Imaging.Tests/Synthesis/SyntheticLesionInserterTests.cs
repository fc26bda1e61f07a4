using InstanceSaliency.Imaging.Geometry;
using InstanceSaliency.Imaging.Synthesis;
using InstanceSaliency.Imaging.Volumes;

namespace InstanceSaliency.Imaging.Tests.Synthesis;

public sealed class SyntheticLesionInserterTests
{
    // A 30³ "brain" of constant FLAIR 100 / T1 200 with a ±1 checkerboard (white-matter SD exactly 1 on both).
    static (Volume<float> Flair, Volume<float> T1, Volume<byte> WhiteMatter) Scan()
    {
        var geometry = ImageGeometry.FromAffine(new GridShape(30, 30, 30), Affine.Identity);
        var flair = Volume<float>.Zeros(geometry);
        var t1 = Volume<float>.Zeros(geometry);
        var wm = Volume<byte>.Zeros(geometry);
        for (int k = 2; k < 28; k++)
            for (int j = 2; j < 28; j++)
                for (int i = 2; i < 28; i++)
                {
                    float s = (i + j + k) % 2 == 0 ? 1 : -1;
                    flair[i, j, k] = 100 + s;
                    t1[i, j, k] = 200 + s;
                    wm[i, j, k] = 1;
                }
        return (flair, t1, wm);
    }

    static SyntheticLesion Lesion => new() { CentreI = 15, CentreJ = 15, CentreK = 15, RadiiMm = (3, 4, 5), EdgeSigmaMm = 1, FlairContrastSd = 4, T1ContrastSd = 2 };

    [Fact]
    public void Core_changes_by_contrast_times_white_matter_sd_and_inputs_are_kept()
    {
        var (flair, t1, wm) = Scan();
        var before = (float[])flair.Voxels.Clone();
        var result = new SyntheticLesionInserter().Insert(flair, t1, wm, Lesion);
        Assert.Equal(1, result.FlairWhiteMatterSd, 2);
        Assert.Equal(result.FlairWhiteMatterSd * 4, result.Flair[15, 15, 15] - flair[15, 15, 15], 3);
        Assert.Equal(-result.T1WhiteMatterSd * 2, result.T1[15, 15, 15] - t1[15, 15, 15], 3);
        Assert.Equal(before, flair.Voxels);
    }

    [Fact]
    public void Mask_is_the_ellipsoid_with_half_weight_edge()
    {
        var (flair, t1, wm) = Scan();
        var mask = new SyntheticLesionInserter().Insert(flair, t1, wm, Lesion).Mask;
        Assert.Equal(1, mask[15, 15, 15]);
        Assert.Equal(1, mask[18, 15, 15]);  // on the i semi-axis (3 mm)
        Assert.Equal(0, mask[20, 15, 15]);  // 2 mm out: w = exp(−(2/3·4)²/2) < 0.5
        Assert.Equal(1, mask[15, 15, 20]);  // on the k semi-axis (5 mm)
        Assert.Equal(0, mask[15, 15, 23]);
    }

    [Fact]
    public void Background_stays_background()
    {
        var (flair, t1, wm) = Scan();
        var result = new SyntheticLesionInserter().Insert(flair, t1, wm, Lesion with { CentreI = 3, RadiiMm = (6, 6, 6) });
        Assert.Equal(0, result.Flair[0, 15, 15]);
        Assert.Equal(0, result.Mask[0, 15, 15]);
    }

    [Fact]
    public void A_centre_outside_the_grid_is_an_error()
    {
        var (flair, t1, wm) = Scan();
        var e = Assert.Throws<InvalidInputException>(() => new SyntheticLesionInserter().Insert(flair, t1, wm, Lesion with { CentreK = 40 }));
        Assert.Contains("outside", e.Message);
    }

    [Fact]
    public void Empty_white_matter_is_an_error()
    {
        var (flair, t1, wm) = Scan();
        var e = Assert.Throws<InvalidInputException>(() => new SyntheticLesionInserter().Insert(flair, t1, Volume<byte>.Zeros(wm.Geometry), Lesion));
        Assert.Contains("white-matter mask is empty", e.Message);
    }

    [Fact]
    public void Negative_contrast_is_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Lesion with { FlairContrastSd = -1 });
    }
}
