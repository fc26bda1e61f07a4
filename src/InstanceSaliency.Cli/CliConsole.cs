namespace InstanceSaliency.Cli;

/// <summary>Where a command prints: results to <see cref="Out"/>, progress and messages to <see cref="Error"/>.</summary>
public sealed record CliConsole(TextWriter Out, TextWriter Error)
{
    /// <summary>Prints each warning a library returned as one <c>warning:</c> line on standard error.</summary>
    public void Warn(IEnumerable<string> warnings)
    {
        ArgumentNullException.ThrowIfNull(warnings);
        foreach (string warning in warnings) Error.WriteLine($"warning: {warning}");
    }
}
