using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using InstanceSaliency.Imaging;

namespace InstanceSaliency.Lesions;

/// <summary>
/// The lesion ids a user names on the command line (`--lesions 1,4,7`): comma-separated whole numbers ≥ 1 (the ids of
/// cli-contract.md, 1..n in first-voxel order; leading zeros allowed, so the 0007 of a map's file name works),
/// spaces around an id allowed. Refused, with the option, the text, the rule and the fix: an empty list, an empty
/// entry (`1,,2`, `1,`), anything but digits (`a`, `1.5`, `+3`, `-3`), 0, an id beyond 32 bits, an id named twice.
/// Whether each id exists is checked later, against the lesions found.
/// </summary>
public static class LesionIdList
{
    /// <summary>
    /// Parses <paramref name="text"/> (null: no list given, returns null) into the ids in increasing order;
    /// <paramref name="optionName"/> (e.g. "--lesions") names the option in errors.
    /// </summary>
    [return: NotNullIfNotNull(nameof(text))]
    public static IReadOnlySet<int>? Parse(string? text, string optionName)
    {
        if (text is null) return null;
        if (text.Trim().Length == 0)
            throw new InvalidInputException($"{optionName}: empty; name at least one lesion id, e.g. {optionName} 1,4,7.");
        var ids = new SortedSet<int>();
        string[] entries = text.Split(',');
        for (int n = 0; n < entries.Length; n++)
        {
            string entry = entries[n].Trim();
            if (entry.Length == 0)
                throw Refused(optionName, text, $"entry {n + 1} of {entries.Length} is empty; separate ids by single commas, e.g. {optionName} 1,4,7");
            int id = Id(entry, optionName, text);
            if (!ids.Add(id))
                throw Refused(optionName, text, $"lesion {id} is named twice; name each lesion once");
        }
        return ids;
    }

    static int Id(string entry, string optionName, string text)
    {
        if (!entry.All(char.IsAsciiDigit))
            throw Refused(optionName, text, $"\"{entry}\" is not a lesion id: ids are whole numbers ≥ 1, written with digits only (`ies lesions` lists them)");
        if (!int.TryParse(entry, NumberStyles.None, CultureInfo.InvariantCulture, out int id))
            throw Refused(optionName, text, $"{entry} is too large for a lesion id (at most {int.MaxValue})");
        if (id == 0)
            throw Refused(optionName, text, "0 is not a lesion id: ids start at 1 (0 is background)");
        return id;
    }

    static InvalidInputException Refused(string optionName, string text, string problem) =>
        new($"{optionName} \"{text}\": {problem}.");
}
