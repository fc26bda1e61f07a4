using System.Text.RegularExpressions;
using InstanceSaliency.Imaging;

namespace InstanceSaliency.Pipeline.Datasets;

/// <summary>
/// The scans of a cohort listed in a tab-separated manifest: a header row naming the columns <c>subject</c>,
/// <c>flair</c>, <c>t1</c> and optionally <c>session</c> and <c>truth</c>; one scan a line; relative paths are
/// relative to the manifest's folder; blank lines and lines starting with '#' are skipped. Subject and session
/// are BIDS labels (letters and digits; a leading <c>sub-</c> / <c>ses-</c> is accepted and dropped) and name the
/// scan's output folder, so each (subject, session) appears once.
/// </summary>
public static partial class ScanManifest
{
    static readonly string[] Required = ["subject", "flair", "t1"];
    static readonly string[] Known = ["subject", "session", "flair", "t1", "truth", "brain_mask"];

    [GeneratedRegex("^[A-Za-z0-9]+$")]
    private static partial Regex Label();

    /// <summary>
    /// Reads the manifest. Every problem of the scan lines is collected and reported in one error (each naming the
    /// line and the column), so one pass over the file fixes them all.
    /// </summary>
    public static IReadOnlyList<CohortScan> Read(string path)
    {
        if (!File.Exists(path)) throw new InvalidInputException($"{path}: the manifest does not exist.");
        var lines = File.ReadAllLines(path).Select((text, n) => (Text: text, Number: n + 1))
            .Where(l => l.Text.Trim().Length > 0 && !l.Text.StartsWith('#')).ToArray();
        if (lines.Length < 2) throw new InvalidInputException($"{path}: the manifest needs a header line and at least one scan.");
        var header = lines[0].Text.Split('\t').Select(h => h.Trim().ToLowerInvariant()).ToList();
        var missing = Required.Where(c => !header.Contains(c)).ToArray();
        if (missing.Length > 0)
            throw new InvalidInputException($"{path}: the header lacks the column(s) {string.Join(", ", missing)}; a manifest has tab-separated columns subject, flair, t1 and optionally session, " +
                $"truth, brain_mask. Header read: [{string.Join(", ", header)}].");
        foreach (string column in header.Where(c => !Known.Contains(c)))
            throw new InvalidInputException($"{path}: unknown column \"{column}\"; the columns are {string.Join(", ", Known)}.");
        if (header.Distinct().Count() != header.Count) throw new InvalidInputException($"{path}: a column name appears twice in the header.");

        string folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var scans = new List<CohortScan>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var (text, number) in lines.Skip(1))
        {
            try { scans.Add(Scan(text, number)); }
            catch (InvalidInputException e) { problems.Add(e.Message); }
        }
        if (problems.Count > 0)
            throw new InvalidInputException($"{path}: {problems.Count} problem(s): {string.Join(" ", problems)}");
        return scans;

        CohortScan Scan(string text, int number)
        {
            var cells = text.Split('\t');
            string where = $"{path}, line {number}";
            if (cells.Length != header.Count)
                throw new InvalidInputException($"{where}: {cells.Length} field(s), the header has {header.Count} (fields are separated by tabs).");
            string Cell(string column) => cells[header.IndexOf(column)].Trim();
            var lineProblems = new List<string>();
            string? File(string column)
            {
                string value = Cell(column);
                string p = Path.GetFullPath(Path.Combine(folder, value));
                string? problem = value.Length == 0 ? "empty; give the image's path."
                    : Directory.Exists(p) ? $"{p} is a directory; give the image file (.nii or .nii.gz)."
                    : !System.IO.File.Exists(p) ? $"{p} does not exist." : null;
                if (problem is null) return p;
                lineProblems.Add($"{where}, column {column}: {problem}");
                return null;
            }
            string? Label(string column, string prefix)
            {
                try { return LabelOf(Cell(column), prefix, $"{where}, column {column}"); }
                catch (InvalidInputException e) { lineProblems.Add(e.Message); return null; }
            }
            string? subject = Label("subject", "sub-");
            string? session = header.Contains("session") && Cell("session").Length > 0 ? Label("session", "ses-") : null;
            string? flair = File("flair"), t1 = File("t1"), truth = header.Contains("truth") ? File("truth") : null;
            string? brainMask = header.Contains("brain_mask") ? File("brain_mask") : null;
            string id = session is null ? $"sub-{subject}" : $"sub-{subject}_ses-{session}";
            if (subject is not null && seen.TryGetValue(id, out int first))
                lineProblems.Add($"{where}: {id} again (first on line {first}); each subject and session appears once.");
            else if (subject is not null) seen[id] = number;
            if (lineProblems.Count > 0) throw new InvalidInputException(string.Join(" ", lineProblems));
            return new CohortScan(id, subject!, session, flair!, t1!, truth) { BrainMaskPath = brainMask };
        }
    }

    static string LabelOf(string value, string prefix, string where)
    {
        string label = value.StartsWith(prefix, StringComparison.Ordinal) ? value[prefix.Length..] : value;
        return Label().IsMatch(label) ? label : throw new InvalidInputException($"{where}: \"{value}\" is not a BIDS label (letters and digits only).");
    }
}
