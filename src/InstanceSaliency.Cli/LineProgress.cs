namespace InstanceSaliency.Cli;

/// <summary>
/// Prints each progress message at once on standard error, prefixed with the command's name. Synchronous, unlike
/// <see cref="Progress{T}"/>, which posts to the thread pool and can print after the command has finished.
/// </summary>
sealed class LineProgress(TextWriter error, string prefix) : IProgress<string>
{
    /// <summary>A message starting with "warning: " is printed as it is (one <c>warning:</c> line), any other after the prefix.</summary>
    public void Report(string value) => error.WriteLine(value.StartsWith("warning: ", StringComparison.Ordinal) ? value : $"{prefix}: {value}");
}
