using InstanceSaliency.Imaging.Volumes;

namespace InstanceSaliency.Imaging.Synthesis;

/// <summary>
/// The scan with a synthetic lesion: new FLAIR and T1 volumes (the inputs are not modified), the lesion
/// <see cref="Mask"/> (1 where the lesion weight w ≥ 0.5) and the local white-matter standard deviations
/// used to scale the contrasts (raw intensity units).
/// </summary>
public sealed record SyntheticLesionResult(
    Volume<float> Flair, Volume<float> T1, Volume<byte> Mask, double FlairWhiteMatterSd, double T1WhiteMatterSd);
