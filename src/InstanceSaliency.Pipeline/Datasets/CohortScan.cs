namespace InstanceSaliency.Pipeline.Datasets;

/// <summary>
/// One scan of a cohort: its BIDS identity (subject, optional session, and the other entities of the FLAIR's
/// name, e.g. <c>acq-3D</c> or <c>run-2</c>) and its absolute input paths. <see cref="Id"/> is the FLAIR's name
/// without the suffix (<c>sub-01_ses-02</c>): unique in a dataset, and the scan's name in every table.
/// </summary>
public sealed record CohortScan(string Id, string Subject, string? Session, string FlairPath, string T1Path, string? TruthPath)
{
    /// <summary>The scan's brain mask (manifest column <c>brain_mask</c>, or the BIDS brain-mask derivative), when there is one.</summary>
    public string? BrainMaskPath { get; init; }

    /// <summary>
    /// Where the scan's outputs go inside the derivatives folder, with '/' separators:
    /// <c>sub-&lt;subject&gt;[/ses-&lt;session&gt;]/anat/&lt;id&gt;</c> (BIDS derivatives layout).
    /// </summary>
    public string OutputFolder => Session is null ? $"sub-{Subject}/anat/{Id}" : $"sub-{Subject}/ses-{Session}/anat/{Id}";
}
