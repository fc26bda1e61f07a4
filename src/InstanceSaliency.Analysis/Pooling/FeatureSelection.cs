using System.Text.RegularExpressions;
using InstanceSaliency.Imaging;

namespace InstanceSaliency.Analysis.Pooling;

/// <summary>Chooses feature columns by exact name or <c>*</c> pattern (<c>*</c> matches any run of characters).</summary>
public static class FeatureSelection
{
    /// <summary>The columns of <paramref name="available"/> matching any pattern, in table order; all when <paramref name="patterns"/> is null.
    /// A pattern matching nothing is an error naming it.</summary>
    public static IReadOnlyList<string> Select(IReadOnlyList<string> available, IReadOnlyList<string>? patterns)
    {
        if (patterns is null) return available;
        var regexes = patterns.Select(p => (Pattern: p, Regex: new Regex("^" + Regex.Escape(p).Replace("\\*", ".*") + "$"))).ToArray();
        foreach (var (pattern, regex) in regexes)
            if (!available.Any(regex.IsMatch))
                throw new InvalidInputException($"--features: \"{pattern}\" matches no feature column (columns look like smoothgrad_flair_peak; {available.Count} available).");
        return available.Where(c => regexes.Any(r => r.Regex.IsMatch(c))).ToArray();
    }
}
