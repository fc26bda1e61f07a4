namespace InstanceSaliency.Cli;

/// <summary>Where a command prints: results to <see cref="Out"/>, progress and messages to <see cref="Error"/>.</summary>
public sealed record CliConsole(TextWriter Out, TextWriter Error);
