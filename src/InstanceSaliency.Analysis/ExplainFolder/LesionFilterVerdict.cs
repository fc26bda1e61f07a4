namespace InstanceSaliency.Analysis.ExplainFolder;

/// <summary>
/// What the model's false-positive filter said about one predicted lesion (`ies explain --fp-filter`, issue 17): the
/// lesions.tsv columns <c>filtered</c> (true/false) and <c>fp_probability</c>.
/// </summary>
/// <param name="Filtered">True: P(FP) reached the filter's threshold, and the lesion was dropped from labels.nii.gz.</param>
/// <param name="FpProbability">The filter's P(FP), 0…1.</param>
public sealed record LesionFilterVerdict(bool Filtered, double FpProbability)
{
    /// <summary>The columns a run with the filter adds after the context columns, before the features.</summary>
    public static readonly string[] Columns = ["filtered", "fp_probability"];
}
