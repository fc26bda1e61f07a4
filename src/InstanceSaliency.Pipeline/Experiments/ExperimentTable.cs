using System.Globalization;
using System.Text;
using InstanceSaliency.Imaging;

namespace InstanceSaliency.Pipeline.Experiments;

/// <summary>
/// A tab-separated table of an experiment, as lesions.tsv is written: a header row, numbers in invariant culture
/// with round-trip precision, undefined values (NaN) as empty fields (NA in R and pandas), written atomically.
/// </summary>
public sealed class ExperimentTable(params string[] columns)
{
    readonly List<string[]> _rows = [];

    /// <summary>Adds a row; each value is a string, a whole number, a double or a bool (written 1/0).</summary>
    public void Add(params object[] values)
    {
        if (values.Length != columns.Length) throw new ArgumentException($"{values.Length} values for {columns.Length} columns.", nameof(values));
        _rows.Add(values.Select(Format).ToArray());
    }

    /// <summary>Writes the table to <paramref name="path"/>.</summary>
    public void Write(string path)
    {
        var text = new StringBuilder();
        text.Append(string.Join('\t', columns)).Append('\n');
        foreach (var row in _rows) text.Append(string.Join('\t', row)).Append('\n');
        AtomicFile.WriteText(path, text.ToString());
    }

    /// <summary>The invariant text of a number; NaN and infinities as empty fields.</summary>
    public static string Number(double value) => double.IsFinite(value) ? value.ToString("R", CultureInfo.InvariantCulture) : "";

    static string Format(object value) => value switch
    {
        double d => Number(d),
        float f => Number(f),
        bool b => b ? "1" : "0",
        int or long => Convert.ToString(value, CultureInfo.InvariantCulture)!,
        string s => s,
        _ => throw new ArgumentException($"Unsupported table value {value.GetType().Name}.", nameof(value)),
    };
}
