namespace InstanceSaliency.Cli;

/// <summary>
/// Prints each progress message at once on standard error, prefixed with the command's name. Synchronous, unlike
/// <see cref="Progress{T}"/>, which posts to the thread pool and can print after the command has finished.
/// Warnings about the input (<see cref="Warn"/>) wait for the first progress message: the use case has then passed
/// its input checks, so bad input still prints one `error:` line and nothing else.
/// </summary>
sealed class LineProgress(TextWriter error, string prefix) : IProgress<string>
{
    readonly List<string> _warnings = [];

    /// <summary>Holds a warning line until the first progress message (printed with a `warning:` prefix).</summary>
    public void Warn(string warning) => _warnings.Add(warning);

    /// <summary>A message starting with "warning: " is printed as it is (one <c>warning:</c> line), any other after the prefix.</summary>
    public void Report(string value)
    {
        foreach (string warning in _warnings) error.WriteLine($"warning: {warning}");
        _warnings.Clear();
        error.WriteLine(value.StartsWith("warning: ", StringComparison.Ordinal) ? value : $"{prefix}: {value}");
    }
}
