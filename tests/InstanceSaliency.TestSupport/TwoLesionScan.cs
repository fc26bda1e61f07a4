using InstanceSaliency.Imaging.Volumes;

namespace InstanceSaliency.TestSupport;

/// <summary>
/// The explain tests' scan: the synthetic ellipsoid (40×36×30) with a ground truth of two blocks — a 3×3×N block
/// (N = <paramref name="firstBlockSlices"/>) at (14, 15, 12) and a 2×2×2 block at (26, 22, 20). With the small test
/// U-Net at τ = 0.99 nothing is predicted, so both are missed (FN) lesions.
/// </summary>
public static class TwoLesionScan
{
    /// <summary>FLAIR, T1 and the two-block truth.</summary>
    public static (Volume<float> Flair, Volume<float> T1, Volume<byte> Truth) Make(int firstBlockSlices = 2, bool secondBlock = true)
    {
        var (flair, t1) = SyntheticScan.Ellipsoid(40, 36, 30);
        var truth = Volume<byte>.Zeros(flair.Geometry);
        for (int k = 12; k < 12 + firstBlockSlices; k++) for (int j = 15; j < 18; j++) for (int i = 14; i < 17; i++) truth[i, j, k] = 1;
        if (secondBlock)
            for (int k = 20; k < 22; k++) for (int j = 22; j < 24; j++) for (int i = 26; i < 28; i++) truth[i, j, k] = 1;
        return (flair, t1, truth);
    }

    /// <summary>Writes the scan into <paramref name="folder"/>; returns the three paths.</summary>
    public static (string Flair, string T1, string Truth) Write(TemporaryDirectory folder, string flairName = "flair.nii.gz", int firstBlockSlices = 2, bool secondBlock = true)
    {
        var (flair, t1, truth) = Make(firstBlockSlices, secondBlock);
        return (folder.Write(flairName, flair), folder.Write("t1.nii.gz", t1), folder.Write("truth.nii.gz", truth));
    }
}
