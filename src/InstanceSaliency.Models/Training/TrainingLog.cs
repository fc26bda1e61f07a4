using System.Globalization;

namespace InstanceSaliency.Models.Training;

/// <summary>
/// The run's tab-separated logs in the output folder: <c>loss.tsv</c> (step, loss, learning_rate, elapsed_s) and
/// <c>validation.tsv</c> (step, f1, ndsc, score, then per case). On resume, rows after the checkpoint's step are
/// dropped, so the files always describe one uninterrupted run.
/// </summary>
sealed class TrainingLog
{
    readonly string _lossPath, _validationPath;

    public TrainingLog(string output, int resumedStep)
    {
        _lossPath = Path.Combine(output, "loss.tsv");
        _validationPath = Path.Combine(output, "validation.tsv");
        Truncate(_lossPath, "step\tloss\tlearning_rate\telapsed_s", resumedStep);
        Truncate(_validationPath, "step\tf1\tndsc\tscore\tper_case", resumedStep);
    }

    public void Loss(int step, double loss, double learningRate, double elapsedSeconds) =>
        File.AppendAllText(_lossPath, string.Create(CultureInfo.InvariantCulture, $"{step}\t{loss:R}\t{learningRate:G6}\t{elapsedSeconds:F1}\n"));

    public void Validation(ValidationScore v) =>
        File.AppendAllText(_validationPath, string.Create(CultureInfo.InvariantCulture,
            $"{v.Step}\t{v.F1:F4}\t{v.Ndsc:F4}\t{v.Score:F4}\t{string.Join(";", v.PerCase.Select(c => string.Create(CultureInfo.InvariantCulture,
                $"{c.Case}:F1={c.Metrics.F1 ?? 0:F4},nDSC={c.Metrics.Ndsc:F4},PPV={c.Metrics.Ppv ?? 0:F4},TPR={c.Metrics.Tpr ?? 0:F4}")))}\n"));

    static void Truncate(string path, string header, int step)
    {
        var kept = File.Exists(path)
            ? File.ReadAllLines(path).Skip(1).Where(l => int.TryParse(l.Split('\t')[0], CultureInfo.InvariantCulture, out int s) && s <= step).ToList()
            : [];
        File.WriteAllLines(path, [header, .. kept]);
    }
}
