using InstanceSaliency.Imaging.Nifti;
using InstanceSaliency.Imaging.Volumes;

namespace InstanceSaliency.TestSupport;

/// <summary>
/// A tiny BIDS dataset of <see cref="SyntheticScan"/> scans (40×36×30) for the cohort tests:
/// <c>sub-NN/[ses-S/]anat/sub-NN[_ses-S]_FLAIR.nii.gz</c> and <c>_T1w.nii.gz</c>, and ground-truth masks
/// <c>derivatives/manual/…/sub-NN[_ses-S]_label-lesion_mask.nii.gz</c>. Each scan's FLAIR is the synthetic one scaled by
/// its position (the network normalises intensities, so the segmentation is the same, but every file has its own
/// hash, as two scans do), and each mask holds one or two blocks placed by the position: with the small test U-Net at
/// τ = 0.99 nothing is predicted, so every scan has its own FN lesions.
/// </summary>
public static class SyntheticCohort
{
    /// <summary>The ground-truth derivatives folder's name.</summary>
    public const string TruthName = "manual";

    /// <summary>The small U-Net of the explain tests.</summary>
    public static string Model => RepositoryPaths.SmallUNet;

    /// <summary>Cheap explain options for `ies cohort plan`: two samples, two methods, nothing predicted.</summary>
    public static readonly string[] CheapOptions = ["--methods", "smoothgrad,gradcampp", "--samples", "2", "--threshold", "0.99", "--seed", "3"];

    /// <summary>Writes the dataset into <paramref name="root"/>; returns the scan ids (e.g. sub-01_ses-2) in order.</summary>
    public static IReadOnlyList<string> WriteBids(string root, int subjects, IReadOnlyList<string>? sessions = null, bool truth = true)
    {
        Directory.CreateDirectory(root);
        File.WriteAllText(Path.Combine(root, "dataset_description.json"), "{\"Name\": \"synthetic\", \"BIDSVersion\": \"1.9.0\"}\n");
        var ids = new List<string>();
        int position = 0;
        for (int s = 1; s <= subjects; s++)
            foreach (string? session in sessions?.Cast<string?>() ?? [null])
            {
                string subject = $"sub-{s:D2}";
                string id = session is null ? subject : $"{subject}_ses-{session}";
                string relative = session is null ? Path.Combine(subject, "anat") : Path.Combine(subject, $"ses-{session}", "anat");
                var (flair, t1, mask) = Scan(position++);
                Directory.CreateDirectory(Path.Combine(root, relative));
                NiftiFile.Write(flair, Path.Combine(root, relative, $"{id}_FLAIR.nii.gz"));
                NiftiFile.Write(t1, Path.Combine(root, relative, $"{id}_T1w.nii.gz"));
                if (truth)
                {
                    string masks = Path.Combine(root, "derivatives", TruthName, relative);
                    Directory.CreateDirectory(masks);
                    NiftiFile.Write(mask, Path.Combine(masks, $"{id}_label-lesion_mask.nii.gz"));
                }
                ids.Add(id);
            }
        return ids;
    }

    /// <summary>The FLAIR, T1 and mask of the scan at <paramref name="position"/>.</summary>
    public static (Volume<float> Flair, Volume<float> T1, Volume<byte> Mask) Scan(int position)
    {
        var (flair, t1) = SyntheticScan.Ellipsoid(40, 36, 30);
        flair = flair.Map(v => v * (1 + position));
        var mask = Volume<byte>.Zeros(flair.Geometry);
        int shift = position % 4;
        for (int k = 12; k < 14; k++) for (int j = 15; j < 18; j++) for (int i = 14 + shift; i < 17 + shift; i++) mask[i, j, k] = 1;
        if (position % 2 == 0)
            for (int k = 20; k < 22; k++) for (int j = 22; j < 24; j++) for (int i = 26 - shift; i < 28 - shift; i++) mask[i, j, k] = 1;
        return (flair, t1, mask);
    }
}
