namespace InstanceSaliency.Imaging;

/// <summary>
/// The vendored sample scan (Lesjak et al. 2017, patient 26; CC-BY), copied next to the program at build time
/// from data/sample/. See data/sample/lesjak2017-patient26/README.md for provenance and the required citation.
/// </summary>
public sealed record SampleScan(string Folder)
{
    /// <summary>The citation every report that shows the sample must carry.</summary>
    public const string Citation =
        "Lesjak Ž, Galimzianova A, Koren A, Lukin M, Pernuš F, Likar B, Špiclin Ž. A Novel Public MR Image Dataset " +
        "of Multiple Sclerosis Patients With Lesion Segmentations Based on Multi-rater Consensus. " +
        "Neuroinformatics 2018;16(1):51-63. doi:10.1007/s12021-017-9348-7 (CC-BY)";

    public string Flair => Path.Combine(Folder, "flair.nii.gz");
    public string T1 => Path.Combine(Folder, "t1.nii.gz");
    public string Mask => Path.Combine(Folder, "mask.nii.gz");

    /// <summary>The copy beside the running program.</summary>
    public static SampleScan Embedded()
    {
        string folder = Path.Combine(AppContext.BaseDirectory, "sample", "lesjak2017-patient26");
        if (!File.Exists(Path.Combine(folder, "flair.nii.gz")))
            throw new InvalidInputException($"{folder}: the embedded sample scan is missing; rebuild the program (./ies rebuilds it).");
        return new SampleScan(folder);
    }
}
