namespace InstanceSaliency.Cli;

/// <summary>
/// With IES_DEBUG_NATIVE=1, `ies` lists on standard error, when it exits, the LibTorch libraries mapped into the
/// process (from /proc/self/maps). The tests use it to show that `ies analyze` and `ies report` never load LibTorch.
/// </summary>
static class NativeLibraries
{
    public const string Variable = "IES_DEBUG_NATIVE";

    /// <summary>Writes "native: NAME" for every mapped file whose name contains "torch", or "native: no LibTorch".</summary>
    public static void ReportIfAsked(TextWriter stderr)
    {
        if (Environment.GetEnvironmentVariable(Variable) != "1" || !File.Exists("/proc/self/maps")) return;
        var torch = File.ReadLines("/proc/self/maps")
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(fields => fields.Length >= 6 && fields[5].Contains("torch", StringComparison.OrdinalIgnoreCase))
            .Select(fields => Path.GetFileName(fields[5])).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (torch.Count == 0) stderr.WriteLine("native: no LibTorch");
        foreach (string name in torch) stderr.WriteLine($"native: {name}");
    }
}
