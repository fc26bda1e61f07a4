using System.Globalization;
using InstanceSaliency.Imaging;

namespace InstanceSaliency.Reporting.Runs;

/// <summary>Reads lesions.tsv written by <c>ies explain</c> (tab-separated, header row, one row per explained lesion).</summary>
public static class LesionTableFile
{
    static readonly string[] Required = ["id", "type", "centroid_x", "centroid_y", "centroid_z"];

    /// <summary>The column names and the rows of <paramref name="path"/>; a missing column or a malformed row is an <see cref="InvalidInputException"/>.</summary>
    public static (IReadOnlyList<string> Columns, IReadOnlyList<LesionEntry> Rows) Read(string path)
    {
        var lines = File.ReadAllLines(path).Where(l => l.Length > 0).ToArray();
        if (lines.Length == 0) throw new InvalidInputException($"{path}: empty; expected a header row (id, type, …).");
        var columns = lines[0].Split('\t');
        foreach (string name in Required)
            if (!columns.Contains(name)) throw new InvalidInputException($"{path}: no \"{name}\" column; is this a lesions.tsv written by `ies explain`?");
        int Column(string name) => Array.IndexOf(columns, name);
        var rows = new List<LesionEntry>();
        for (int n = 1; n < lines.Length; n++)
        {
            var fields = lines[n].Split('\t');
            if (fields.Length != columns.Length)
                throw new InvalidInputException($"{path}: line {n + 1} has {fields.Length} fields; the header has {columns.Length}.");
            if (!int.TryParse(fields[Column("id")], NumberStyles.Integer, CultureInfo.InvariantCulture, out int id) || id < 1)
                throw new InvalidInputException($"{path}: line {n + 1}: \"{fields[Column("id")]}\" is not a lesion id.");
            double Number(string name) => double.TryParse(fields[Column(name)], NumberStyles.Float, CultureInfo.InvariantCulture, out double v)
                ? v : throw new InvalidInputException($"{path}: line {n + 1}: {name} \"{fields[Column(name)]}\" is not a number.");
            rows.Add(new LesionEntry(id, fields[Column("type")], (Number("centroid_x"), Number("centroid_y"), Number("centroid_z")), fields));
        }
        return (columns, rows);
    }
}
