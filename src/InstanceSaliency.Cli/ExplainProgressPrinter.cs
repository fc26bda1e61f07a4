using InstanceSaliency.Pipeline.Explanation;

namespace InstanceSaliency.Cli;

/// <summary>Prints explain progress on standard error: the up-front estimate, then each unit with the time left.</summary>
sealed class ExplainProgressPrinter(TextWriter error, string prefix) : IProgress<ExplainProgress>
{
    string _last = "";

    public void Report(ExplainProgress value)
    {
        if (value.IsWarning)
        {
            error.WriteLine(value.Step);
            return;
        }
        if (value.Step == "estimate" && value.Remaining is { } estimate)
        {
            error.WriteLine($"{prefix}: {value.Total} lesion × method units; estimated time {Format(estimate)} (from one timed pass)");
            return;
        }
        string eta = (value.Remaining is { } r ? $", about {Format(r)} left" : "") + (value.RowsPerSecond is { } rows ? $"; smoothgrad-max {rows:F0} rows/s" : "");
        string line = value.Total > 0 ? $"{prefix}: {value.Step} [{value.Done}/{value.Total}{eta}]" : $"{prefix}: {value.Step}";
        if (line == _last) return;
        _last = line;
        error.WriteLine(line);
    }

    internal static string Format(TimeSpan t) => t.TotalMinutes >= 1 ? $"{(int)t.TotalMinutes} min {t.Seconds} s" : $"{t.TotalSeconds:F0} s";
}
