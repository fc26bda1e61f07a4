using System.Text;
using InstanceSaliency.Analysis.Pooling;
using InstanceSaliency.Pipeline.Analyze;
using InstanceSaliency.Imaging;

namespace InstanceSaliency.Pipeline.Cohorts;

/// <summary>
/// `ies cohort gather`: pools the lesions.tsv of the plan's complete tasks into group/lesions.tsv of the
/// derivatives folder (columns <c>scan</c>, <c>subject</c>, <c>session</c>, then those of lesions.tsv; tasks in plan
/// order, each once), then runs the `analyze` use case (<see cref="AnalyzeRun"/>) on the same task folders into
/// group/. Refuses an unfinished cohort unless <c>partial</c> is asked for. Without ground truth (no TP/FP/FN types)
/// only the pooled table is written.
/// </summary>
public static class CohortGather
{
    /// <summary>Folder of the pooled table and the analysis, inside the derivatives folder.</summary>
    public const string GroupFolder = "group";

    public sealed record Result(int Tasks, int Pooled, int Rows, string Table, AnalysisResult? Analysis, IReadOnlyList<string> Notes);

    public static Result Run(CohortPlan plan, string derivatives, AnalyzeOptions options, bool partial, IProgress<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var status = CohortStatus.Of(plan, derivatives);
        var notes = new List<string>();
        if (status.Complete < status.Tasks)
        {
            string counts = $"{status.Tasks - status.Complete} of {status.Tasks} task(s) are not complete ({status.Incomplete} incomplete, {status.Pending} pending, {status.Failed} failed)";
            if (!partial) throw new InvalidInputException($"{derivatives}: {counts}; finish them with `ies cohort run`, or gather what is complete with --partial.");
            notes.Add(counts + "; gathered the complete ones only");
        }
        var complete = plan.Tasks.Where((t, n) => status.Entries[n].State == TaskState.Complete).ToList();
        if (complete.Count == 0) throw new InvalidInputException($"{derivatives}: no task is complete yet; run `ies cohort run` first.");

        string group = Path.Combine(derivatives, GroupFolder);
        Directory.CreateDirectory(group);
        string table = Path.Combine(group, "lesions.tsv");
        int rows = Pool(complete, derivatives, table);
        progress?.Report($"pooled {rows} lesion row(s) of {complete.Count} scan(s) into {table}");

        AnalysisResult? analysis = null;
        if (plan.Tasks.All(t => t.Truth is null)) notes.Add("no ground truth in the plan (lesions unlabelled): analyze skipped");
        else if (rows == 0) notes.Add("no lesion in any scan: analyze skipped");
        else analysis = AnalyzeRun.Run(complete.Select(t => t.FolderIn(derivatives)).ToList(), group, options, progress);
        return new Result(status.Tasks, complete.Count, rows, table, analysis, notes);
    }

    static int Pool(IReadOnlyList<CohortTask> tasks, string derivatives, string table)
    {
        string? header = null;
        int rows = 0;
        var text = new StringBuilder();
        foreach (var task in tasks)
        {
            string path = Path.Combine(task.FolderIn(derivatives), "lesions.tsv");
            var lines = File.ReadAllLines(path);
            if (lines.Length == 0) throw new InvalidInputException($"{path}: empty; expected a header row.");
            if (header is null)
            {
                header = lines[0];
                text.Append("scan\tsubject\tsession\t").Append(header).Append('\n');
            }
            else if (lines[0] != header)
                throw new InvalidInputException($"{path}: its columns differ from those of {tasks[0].Id}'s lesions.tsv although the plan fixes the configuration.");
            foreach (string line in lines.Skip(1).Where(l => l.Length > 0))
            {
                text.Append(task.Id).Append('\t').Append(task.Subject).Append('\t').Append(task.Session ?? "").Append('\t').Append(line).Append('\n');
                rows++;
            }
        }
        AtomicFile.WriteText(table, text.ToString());
        return rows;
    }
}
