using InstanceSaliency.Imaging;

namespace InstanceSaliency.Pipeline.Datasets;

/// <summary>
/// The scans of a BIDS dataset: every <c>sub-*/[ses-*/]anat/*_FLAIR.nii[.gz]</c> with the <c>*_T1w</c> of the same
/// session (the one with the FLAIR's name, else the only one agreeing on the FLAIR's entities, acquisition aside)
/// and, when a ground-truth derivatives folder is named, the lesion mask of
/// <c>derivatives/&lt;name&gt;/sub-*/[ses-*/]anat/*_mask.nii[.gz]</c> agreeing on those entities (several: the one with
/// <c>label-lesion</c>). A subject or session with a FLAIR but no T1w, a T1w but no FLAIR, no image at all, or
/// (with ground truth) no mask is incomplete: discovery lists them all in one error rather than skip them quietly.
/// </summary>
public static class BidsDataset
{
    /// <summary>The label of ground-truth masks preferred when several masks match a scan.</summary>
    public const string LesionLabel = "lesion";

    /// <summary>Discovers the scans under <paramref name="root"/>, ordered by id.</summary>
    /// <param name="root">The dataset's root folder (holding sub-*).</param>
    /// <param name="truthDerivatives">Name of the folder under <c>derivatives/</c> holding the ground-truth masks, or null.</param>
    /// <param name="brainMaskDerivatives">Name of the folder under <c>derivatives/</c> holding the brain masks
    /// (<c>*_desc-brain_mask.nii.gz</c>, same sub/ses/anat layout), or null.</param>
    public static IReadOnlyList<CohortScan> Discover(string root, string? truthDerivatives, string? brainMaskDerivatives = null)
    {
        root = Path.GetFullPath(root);
        if (!Directory.Exists(root)) throw new InvalidInputException($"{root}: no such BIDS dataset folder.");
        string? truthRoot = null;
        if (truthDerivatives is not null)
        {
            truthRoot = Path.Combine(root, "derivatives", truthDerivatives);
            if (truthDerivatives.Length == 0 || truthDerivatives.Contains('/') || !Directory.Exists(truthRoot))
                throw new InvalidInputException($"--truth-derivatives: no folder {truthRoot}; name a folder under {Path.Combine(root, "derivatives")}.");
        }
        string? brainRoot = null;
        if (brainMaskDerivatives is not null)
        {
            brainRoot = Path.Combine(root, "derivatives", brainMaskDerivatives);
            if (brainMaskDerivatives.Length == 0 || brainMaskDerivatives.Contains('/') || !Directory.Exists(brainRoot))
                throw new InvalidInputException($"--brain-mask-derivatives: no folder {brainRoot}; name a folder under {Path.Combine(root, "derivatives")} holding " +
                    $"sub-*/[ses-*/]anat/*_desc-brain_mask.nii.gz.");
        }
        var subjects = Directory.GetDirectories(root, "sub-*").Order(StringComparer.Ordinal).ToList();
        if (subjects.Count == 0) throw new InvalidInputException($"{root}: no sub-* folder; is this a BIDS dataset?");

        var scans = new List<CohortScan>();
        var problems = new List<string>();
        foreach (string subjectFolder in subjects)
        {
            var sessions = Directory.GetDirectories(subjectFolder, "ses-*").Order(StringComparer.Ordinal).ToList();
            if (sessions.Count == 0) sessions.Add(subjectFolder);
            string subject = Path.GetFileName(subjectFolder)[4..];
            foreach (string folder in sessions)
            {
                string? session = folder == subjectFolder ? null : Path.GetFileName(folder)[4..];
                scans.AddRange(Session(root, folder, subject, session, truthRoot, brainRoot, problems));
            }
        }
        if (problems.Count > 0)
            throw new InvalidInputException($"{root}: {problems.Count} incomplete subject(s) or session(s): {string.Join("; ", problems)}" +
                ". Each needs anat/*_FLAIR.nii.gz with a *_T1w.nii.gz" + (truthRoot is null ? "" : " and a *_mask.nii.gz in the ground-truth derivatives") +
                (brainRoot is null ? "" : " and a *_desc-brain_mask.nii.gz in the brain-mask derivatives") +
                "; complete or remove them, or list the scans in a manifest (--manifest).");
        return scans.OrderBy(s => s.Id, StringComparer.Ordinal).ToList();
    }

    static IEnumerable<CohortScan> Session(string root, string folder, string subject, string? session, string? truthRoot, string? brainRoot, List<string> problems)
    {
        string relative = Path.GetRelativePath(root, folder).Replace('\\', '/');
        var images = Images(Path.Combine(folder, "anat"));
        var flairs = images.Where(i => i.Name.Suffix == "FLAIR").ToList();
        var t1s = images.Where(i => i.Name.Suffix == "T1w").ToList();
        if (flairs.Count == 0)
        {
            problems.Add(t1s.Count > 0 ? $"{relative}: a T1w but no anat/*_FLAIR.nii.gz" : $"{relative}: no anat/*_FLAIR.nii.gz");
            yield break;
        }
        var truths = truthRoot is null ? [] : Images(Path.Combine(truthRoot, relative, "anat")).Where(i => i.Name.Suffix == "mask").ToList();
        var brains = brainRoot is null ? [] : Images(Path.Combine(brainRoot, relative, "anat")).Where(i => i.Name.Suffix == "mask" && i.Name["desc"] == "brain").ToList();
        foreach (var flair in flairs)
        {
            if (flair.Name["sub"] != subject || flair.Name["ses"] != session)
            {
                problems.Add($"{relative}/anat/{flair.File}: its sub/ses entities do not match its folder");
                continue;
            }
            var t1 = Pick(t1s, flair, $"{flair.Name.Prefix}_T1w", "T1w", relative, problems, preferLabel: null);
            string? truth = null;
            if (truthRoot is not null)
            {
                truth = Pick(truths, flair, null, "ground-truth *_mask", relative, problems, preferLabel: LesionLabel)?.Path;
                if (truth is null) continue;
            }
            string? brain = null;
            if (brainRoot is not null)
            {
                brain = Pick(brains, flair, null, "brain mask *_desc-brain_mask", relative, problems, preferLabel: null)?.Path;
                if (brain is null) continue;
            }
            if (t1 is null) continue;
            yield return new CohortScan(flair.Name.Prefix, subject, session, flair.Path, t1.Path, truth) { BrainMaskPath = brain };
        }
    }

    sealed record Image(string Path, string File, BidsName Name);

    static List<Image> Images(string folder) =>
        !Directory.Exists(folder) ? [] : Directory.GetFiles(folder).Order(StringComparer.Ordinal)
            .Select(p => (Path: p, File: Path.GetFileName(p), Name: BidsName.TryParse(Path.GetFileName(p))))
            .Where(i => i.Name is not null).Select(i => new Image(i.Path, i.File, i.Name!)).ToList();

    static Image? Pick(List<Image> candidates, Image flair, string? exactPrefix, string what, string relative, List<string> problems, string? preferLabel)
    {
        var exact = exactPrefix is null ? null : candidates.FirstOrDefault(c => c.File.StartsWith(exactPrefix + ".", StringComparison.Ordinal));
        if (exact is not null) return exact;
        var matching = candidates.Where(c => flair.Name.Matches(c.Name)).ToList();
        if (matching.Count > 1 && preferLabel is not null)
        {
            var labelled = matching.Where(c => c.Name["label"] == preferLabel).ToList();
            if (labelled.Count > 0) matching = labelled;
        }
        if (matching.Count == 1) return matching[0];
        problems.Add(matching.Count == 0
            ? $"{relative}: no {what} for {flair.File}"
            : $"{relative}: {matching.Count} {what} images could belong to {flair.File} ({string.Join(", ", matching.Select(m => m.File))})");
        return null;
    }
}
