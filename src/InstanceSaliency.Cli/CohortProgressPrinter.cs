using InstanceSaliency.Pipeline.Cohorts;

namespace InstanceSaliency.Cli;

/// <summary>Prints cohort progress on standard error: "cohort: [3/12] sub-03: lesion 2 smoothgrad [4/9] (about 5 min left)".</summary>
sealed class CohortProgressPrinter(TextWriter error) : IProgress<CohortProgress>
{
    string _last = "";

    public void Report(CohortProgress value)
    {
        string eta = value.Remaining is { } r ? $" (about {ExplainProgressPrinter.Format(r)} left)" : "";
        string line = value.TaskId.Length == 0 ? $"cohort: {value.Message}" : $"cohort: [{value.Position}/{value.Count}] {value.TaskId}: {value.Message}{eta}";
        if (line == _last) return;
        _last = line;
        error.WriteLine(line);
    }
}
