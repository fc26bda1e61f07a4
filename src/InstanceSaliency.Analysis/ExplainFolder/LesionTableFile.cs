using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using InstanceSaliency.Analysis.Features;
using InstanceSaliency.Imaging;
using InstanceSaliency.Lesions;

namespace InstanceSaliency.Analysis.ExplainFolder;

/// <summary>
/// lesions.tsv, the one writer and the one reader (cli-contract.md): tab-separated, a header row, one row per
/// explained lesion; numbers in invariant culture with round-trip precision; undefined values (NaN) as empty fields,
/// which R and pandas read as NA.
/// </summary>
public static class LesionTableFile
{
    /// <summary>
    /// The context columns before the features, in order (method.md §7): the centroid in world mm
    /// (<c>centroid_x/y/z</c>, through the affine) and in voxels (<c>centroid_i/j/k</c>, 0-based NIfTI storage
    /// indices, the mean of the lesion's voxel indices). None is a saliency feature.
    /// </summary>
    public static readonly string[] ContextColumns =
        ["id", "type", "voxels", "volume_mm3", "centroid_x", "centroid_y", "centroid_z", "centroid_i", "centroid_j", "centroid_k", "mean_probability"];

    /// <summary>The context columns a table must have to be read: the voxel centroid is optional (tables written before it).</summary>
    public static readonly string[] RequiredColumns =
        ["id", "type", "voxels", "volume_mm3", "centroid_x", "centroid_y", "centroid_z", "mean_probability"];

    /// <summary>
    /// Writes <paramref name="rows"/> with the feature columns <paramref name="featureNames"/> (also when there is no row). With
    /// <paramref name="verdicts"/> (`explain --fp-filter`) the columns <see cref="LesionFilterVerdict.Columns"/> follow the context
    /// columns: "true"/"false" and P(FP) for a predicted lesion, empty (undefined) for a missed one.
    /// </summary>
    public static void Write(string path, IReadOnlyList<string> featureNames, IReadOnlyList<LesionRow> rows, IReadOnlyDictionary<int, LesionFilterVerdict>? verdicts = null)
    {
        ArgumentNullException.ThrowIfNull(featureNames);
        ArgumentNullException.ThrowIfNull(rows);
        foreach (var row in rows)
            if (!row.Features.Select(f => f.Name).SequenceEqual(featureNames))
                throw new ArgumentException($"Lesion {row.Lesion.Id} does not have the table's feature columns.", nameof(rows));
        AtomicFile.Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false), leaveOpen: true);
            using var csv = new CsvWriter(writer, new CsvConfiguration(CultureInfo.InvariantCulture) { Delimiter = "\t", NewLine = "\n" });
            foreach (string column in ContextColumns.Concat(verdicts is null ? [] : LesionFilterVerdict.Columns).Concat(featureNames)) csv.WriteField(column);
            csv.NextRecord();
            foreach (var row in rows)
            {
                var l = row.Lesion;
                csv.WriteField(l.Id);
                csv.WriteField(l.Type.ToContractName());
                csv.WriteField(l.VoxelCount);
                foreach (double v in new[] { l.VolumeMm3, l.CentroidMm.X, l.CentroidMm.Y, l.CentroidMm.Z, l.CentroidVoxel.I, l.CentroidVoxel.J, l.CentroidVoxel.K, row.MeanProbability })
                    csv.WriteField(Number(v));
                if (verdicts is not null)
                {
                    var verdict = verdicts.GetValueOrDefault(l.Id);
                    csv.WriteField(verdict is null ? "" : verdict.Filtered ? "true" : "false");
                    csv.WriteField(verdict is null ? "" : Number(verdict.FpProbability));
                }
                foreach (var (_, value) in row.Features) csv.WriteField(Number(value));
                csv.NextRecord();
            }
        });
    }

    /// <summary>
    /// Reads <paramref name="path"/>. A missing file or context column, a repeated column name, a row with another
    /// number of fields, an unknown type, an id that is not a whole number ≥ 1 or a field that is not a number is an
    /// <see cref="InvalidInputException"/> naming the file, the line and the column.
    /// </summary>
    public static LesionTable Read(string path)
    {
        if (!File.Exists(path)) throw new InvalidInputException($"{path}: missing; the folder must be an `ies explain` output folder.");
        using var reader = new StreamReader(path);
        using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture) { Delimiter = "\t", Mode = CsvMode.NoEscape });
        if (!csv.Read()) throw new InvalidInputException($"{path}: empty; expected a header row ({string.Join(", ", ContextColumns)}, features).");
        csv.ReadHeader();
        var header = csv.HeaderRecord!;
        foreach (string required in RequiredColumns)
            if (!header.Contains(required)) throw new InvalidInputException($"{path}: column \"{required}\" missing; is this a lesions.tsv written by `ies explain`?");
        if (header.Distinct().Count() != header.Length) throw new InvalidInputException($"{path}: a column name appears twice.");
        var numeric = header.Where(c => c is not ("id" or "type" or "filtered")).ToArray();
        var rows = new List<LesionTableRow>();
        while (csv.Read())
        {
            long line = csv.Parser.RawRow;
            if (csv.Parser.Count != header.Length)
                throw new InvalidInputException($"{path} line {line}: {csv.Parser.Count} fields, header has {header.Length}.");
            string typeName = csv.GetField("type")!;
            var type = LesionTypeNames.FromContractName(typeName)
                ?? throw new InvalidInputException($"{path} line {line}, column \"type\": \"{typeName}\" is not TP, FP, FN or unlabelled.");
            if (!int.TryParse(csv.GetField("id"), NumberStyles.Integer, CultureInfo.InvariantCulture, out int id) || id < 1)
                throw new InvalidInputException($"{path} line {line}, column \"id\": \"{csv.GetField("id")}\" is not a lesion id (a whole number ≥ 1).");
            var values = new double[numeric.Length];
            for (int j = 0; j < numeric.Length; j++)
            {
                string field = csv.GetField(numeric[j])!;
                if (field.Length == 0) values[j] = double.NaN;
                else if (!double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out values[j]))
                    throw new InvalidInputException($"{path} line {line}, column \"{numeric[j]}\": \"{field}\" is not a number.");
            }
            if (header.Contains("filtered") && csv.GetField("filtered") is not ("true" or "false" or ""))
                throw new InvalidInputException($"{path} line {line}, column \"filtered\": \"{csv.GetField("filtered")}\" is not true, false or empty.");
            double Value(string column) => values[Array.IndexOf(numeric, column)];
            var fields = Enumerable.Range(0, header.Length).Select(j => csv.GetField(j)!).ToArray();
            rows.Add(new LesionTableRow(id, type, (Value("centroid_x"), Value("centroid_y"), Value("centroid_z")), fields, values)
            {
                Filtered = header.Contains("filtered") && csv.GetField("filtered") == "true",
            });
        }
        return new LesionTable(path, header, numeric, rows);
    }

    static string Number(double value) => double.IsNaN(value) ? "" : value.ToString("R", CultureInfo.InvariantCulture);
}
