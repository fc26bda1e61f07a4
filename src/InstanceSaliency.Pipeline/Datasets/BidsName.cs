namespace InstanceSaliency.Pipeline.Datasets;

/// <summary>
/// The parts of a BIDS file name (BIDS specification, "File name structure"):
/// <c>key-value_key-value_suffix.extension</c>, e.g. <c>sub-01_ses-02_acq-3D_FLAIR.nii.gz</c> has the entities
/// sub=01, ses=02, acq=3D, the suffix FLAIR and the extension .nii.gz.
/// </summary>
public sealed record BidsName(IReadOnlyList<KeyValuePair<string, string>> Entities, string Suffix, string Extension)
{
    /// <summary>Extensions of NIfTI images, longest first.</summary>
    public static readonly string[] NiftiExtensions = [".nii.gz", ".nii"];

    /// <summary>The name without suffix and extension (<c>sub-01_ses-02_acq-3D</c>).</summary>
    public string Prefix => string.Join('_', Entities.Select(e => $"{e.Key}-{e.Value}"));

    /// <summary>The value of entity <paramref name="key"/>, or null.</summary>
    public string? this[string key] => Entities.FirstOrDefault(e => e.Key == key).Value;

    /// <summary>Parses a NIfTI file name; null when it is not <c>key-value_..._suffix.nii[.gz]</c>.</summary>
    public static BidsName? TryParse(string fileName)
    {
        string? extension = NiftiExtensions.FirstOrDefault(e => fileName.EndsWith(e, StringComparison.Ordinal));
        if (extension is null) return null;
        var parts = fileName[..^extension.Length].Split('_');
        if (parts.Length < 2) return null;
        var entities = new List<KeyValuePair<string, string>>();
        foreach (string part in parts[..^1])
        {
            int dash = part.IndexOf('-');
            if (dash <= 0 || dash == part.Length - 1 || part.IndexOf('-', dash + 1) >= 0) return null;
            entities.Add(new(part[..dash], part[(dash + 1)..]));
        }
        if (entities[0].Key != "sub" || parts[^1].Length == 0 || parts[^1].Contains('-')) return null;
        return new BidsName(entities, parts[^1], extension);
    }

    /// <summary>
    /// True when this name and <paramref name="other"/> agree on every entity both have, ignoring the ones that
    /// describe how an image was acquired or reconstructed (<c>acq</c>, <c>ce</c>, <c>rec</c>): a T1w and a FLAIR
    /// of one session differ there by nature.
    /// </summary>
    public bool Matches(BidsName other)
    {
        foreach (var (key, value) in Entities)
        {
            if (key is "acq" or "ce" or "rec") continue;
            string? theirs = other[key];
            if (theirs is not null && theirs != value) return false;
        }
        return this["ses"] == other["ses"];
    }
}
