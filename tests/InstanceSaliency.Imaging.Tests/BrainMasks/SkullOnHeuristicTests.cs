using InstanceSaliency.Imaging.BrainMasks;
using InstanceSaliency.Imaging.Geometry;
using InstanceSaliency.Imaging.Nifti;
using InstanceSaliency.Imaging.Volumes;
using InstanceSaliency.TestSupport;
using Xunit.Abstractions;

namespace InstanceSaliency.Imaging.Tests.BrainMasks;

/// <summary>
/// The skull-on heuristic on real scans: Lesjak 2017 images (skull-stripped) and MS3SEG FLAIRs and T1s (skull on)
/// fall on their side of the threshold, with the margin stated in <see cref="SkullOnHeuristic"/>.
/// </summary>
public sealed class SkullOnHeuristicTests(ITestOutputHelper output)
{
    /// <summary>
    /// Three stripped and four skull-on files, among them the nearest to the threshold on each side (Lesjak
    /// patient07 FLAIR 0.154, MS3SEG 105074 T1 0.280 and FLAIR 0.297). All 26 measured values are in the
    /// <see cref="SkullOnHeuristic"/> documentation (this test's output lists the ones it reads).
    /// </summary>
    public static TheoryData<string, string, bool> Scans() => new()
    {
        { "lesjak2017/patient07", "flair.nii.gz", false },
        { "lesjak2017/patient19", "t1.nii.gz", false },
        { "lesjak2017/patient26", "flair.nii.gz", false },
        { "ms3seg/105074", "flair.nii.gz", true },
        { "ms3seg/105074", "t1.nii.gz", true },
        { "ms3seg/104252", "t1.nii.gz", true },
        { "ms3seg/110218", "flair.nii.gz", true },
    };

    [Theory]
    [MemberData(nameof(Scans))]
    public void Stripped_and_skull_on_scans_fall_on_their_side_with_margin(string scan, string file, bool skullOn)
    {
        string path = scan.StartsWith("lesjak") ? RepositoryPaths.RealCase(scan.Split('/')[1], file) : Ms3segScans.File(scan.Split('/')[1], file);
        var image = NiftiFile.ReadVolume(path);
        double fill = SkullOnHeuristic.HeadFill(image);
        output.WriteLine($"{scan}/{file}: head fill {fill:F3}");
        Assert.Equal(skullOn, SkullOnHeuristic.LooksSkullOn(image));
        // Margin: at least a factor 1.25 from the threshold on either side.
        Assert.True(skullOn ? fill > 1.25 * SkullOnHeuristic.SkullOnFillThreshold : fill < SkullOnHeuristic.SkullOnFillThreshold / 1.25, $"head fill {fill:F3}");
    }

    [Fact]
    public void Head_fill_counts_voxels_above_a_tenth_of_the_99th_percentile()
    {
        // 1000 voxels: 100 at 1000 (p99 = 1000), 200 at 150 (above 100), 300 at 50 (below), the rest 0.
        var values = new float[1000];
        for (int n = 0; n < 100; n++) values[n] = 1000;
        for (int n = 100; n < 300; n++) values[n] = 150;
        for (int n = 300; n < 600; n++) values[n] = 50;
        var image = new Volume<float>(values, ImageGeometry.FromAffine(new GridShape(10, 10, 10), Affine.Identity));
        Assert.Equal(0.3, SkullOnHeuristic.HeadFill(image), 12);
        Assert.Equal(0.0, SkullOnHeuristic.HeadFill(Volume<float>.Zeros(image.Geometry)));
    }
}
