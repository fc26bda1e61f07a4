using InstanceSaliency.Imaging.Geometry;
using InstanceSaliency.Imaging.Synthesis;
using InstanceSaliency.Imaging.Volumes;

namespace InstanceSaliency.Imaging.Tests.Synthesis;

public sealed class WhiteMatterEstimateTests
{
    [Fact]
    public void Bright_T1_core_is_white_matter_and_lesions_and_grey_matter_are_not()
    {
        // Brain 4…25; "white matter" (T1 300, 53% of the brain) inside 6…22, "grey matter" (T1 100) around it; a FLAIR-bright lesion in the core.
        var geometry = ImageGeometry.FromAffine(new GridShape(30, 30, 30), Affine.Identity);
        var flair = Volume<float>.Zeros(geometry);
        var t1 = Volume<float>.Zeros(geometry);
        var lesions = Volume<byte>.Zeros(geometry);
        for (int k = 4; k < 25; k++)
            for (int j = 4; j < 25; j++)
                for (int i = 4; i < 25; i++)
                {
                    bool core = i is >= 6 and < 23 && j is >= 6 and < 23 && k is >= 6 and < 23;
                    flair[i, j, k] = 100;
                    t1[i, j, k] = core ? 300 : 100;
                }
        flair[14, 14, 14] = 500;
        lesions[14, 14, 14] = 1;
        var wm = new WhiteMatterEstimate().Estimate(flair, t1, lesions);
        Assert.Equal(1, wm[11, 17, 12]);
        Assert.Equal(0, wm[4, 4, 4]);        // grey matter
        Assert.Equal(0, wm[14, 14, 14]);     // the lesion
        Assert.Equal(0, wm[14, 15, 14]);     // next to it (erosion)
        Assert.Equal(0, wm[7, 14, 14]);      // the white-matter border (erosion)
        Assert.Equal(1, wm[8, 14, 11]);
    }
}
