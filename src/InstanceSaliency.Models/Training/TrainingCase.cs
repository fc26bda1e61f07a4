using InstanceSaliency.Imaging.Volumes;

namespace InstanceSaliency.Models.Training;

/// <summary>One labelled scan: raw FLAIR and T1 and the binary lesion mask, all on one grid.</summary>
public sealed record TrainingCase(string Name, Volume<float> Flair, Volume<float> T1, Volume<byte> Mask)
{
    /// <summary>The case's site (manifest column <c>site</c>); empty when the run has one site.</summary>
    public string Site { get; init; } = "";
}

/// <summary>The cases of a run: <see cref="Train"/> feed the patch sampler, <see cref="Validation"/> the validation.</summary>
public sealed record TrainingData(IReadOnlyList<TrainingCase> Train, IReadOnlyList<TrainingCase> Validation)
{
    /// <summary>The masks' value warnings (<see cref="Imaging.Nifti.MaskReading"/>), for the command line to show.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}
