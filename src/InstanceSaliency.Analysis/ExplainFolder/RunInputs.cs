using InstanceSaliency.Imaging;

namespace InstanceSaliency.Analysis.ExplainFolder;

/// <summary>The inputs an explain run names in its run.json: FLAIR, T1 and (optional) ground-truth paths, and the model.</summary>
/// <param name="FlairPath">Absolute path of the FLAIR image.</param>
/// <param name="T1Path">Absolute path of the T1 image.</param>
/// <param name="TruthPath">Absolute path of the ground truth, when the run had one.</param>
/// <param name="ModelPath">The model file or name the run used.</param>
public sealed record RunInputs(string FlairPath, string T1Path, string? TruthPath, string ModelPath)
{
    /// <summary>Reads the "inputs" and "model" objects of <paramref name="runJsonPath"/>.</summary>
    public static RunInputs Read(string runJsonPath)
    {
        var record = RunRecordFile.Read(runJsonPath);
        return new RunInputs(
            record.Inputs?.Flair?.Path ?? throw new InvalidInputException($"{runJsonPath}: inputs.flair.path is missing."),
            record.Inputs?.T1?.Path ?? throw new InvalidInputException($"{runJsonPath}: inputs.t1.path is missing."),
            record.Inputs.Truth?.Path, record.Model?.Path ?? "");
    }

    /// <summary>True when the FLAIR is the vendored sample scan (its folder is named after it): the report must cite it.</summary>
    public bool IsSampleScan =>
        string.Equals(Path.GetFileName(Path.GetDirectoryName(FlairPath)), "lesjak2017-patient26", StringComparison.Ordinal);
}
