using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using InstanceSaliency.Analysis.Features;
using InstanceSaliency.Imaging;

namespace InstanceSaliency.Analysis.Cohort;

/// <summary>
/// One explain run folder read for the cohort: RUN_DIR/lesions.tsv (tab-separated, header row, empty field = NaN)
/// and RUN_DIR/run.json. The scan id is the folder's name.
/// </summary>
public sealed record RunTable(string Folder, string ScanId, IReadOnlyList<string> Columns, IReadOnlyList<CohortLesion> Lesions, RunIdentity Identity)
{
    /// <summary>Columns every lesions.tsv must have besides the features.</summary>
    public static readonly string[] RequiredColumns = ["id", "type", "voxels", "volume_mm3", "mean_probability"];

    /// <summary>Columns read but never analysed (identity and position).</summary>
    public static readonly string[] PositionColumns = ["id", "type", "centroid_x", "centroid_y", "centroid_z"];

    /// <summary>Lesion types lesions.tsv may hold.</summary>
    public static readonly string[] Types = ["TP", "FP", "FN", "unlabelled"];

    /// <summary>Reads a run folder; errors name the file, line and column.</summary>
    public static RunTable Read(string folder)
    {
        if (!Directory.Exists(folder)) throw new InvalidInputException($"{folder}: no such run folder.");
        string tsv = Path.Combine(folder, "lesions.tsv"), json = Path.Combine(folder, "run.json");
        if (!File.Exists(tsv)) throw new InvalidInputException($"{tsv}: missing; RUN_DIR must be an `ies explain` output folder.");
        if (!File.Exists(json)) throw new InvalidInputException($"{json}: missing; the run is incomplete (explain writes run.json last).");
        string scan = Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder)));
        using var reader = new StreamReader(tsv);
        using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture) { Delimiter = "\t", Mode = CsvMode.NoEscape });
        if (!csv.Read()) throw new InvalidInputException($"{tsv}: empty; expected a header row ({string.Join(", ", LesionTable.ContextColumns)}, features).");
        csv.ReadHeader();
        var header = csv.HeaderRecord!;
        foreach (string required in RequiredColumns)
            if (!header.Contains(required)) throw new InvalidInputException($"{tsv}: column \"{required}\" missing.");
        if (header.Distinct().Count() != header.Length) throw new InvalidInputException($"{tsv}: a column name appears twice.");
        var numeric = header.Where(c => c is not ("id" or "type")).ToArray();
        var lesions = new List<CohortLesion>();
        while (csv.Read())
        {
            long line = csv.Parser.RawRow;
            if (csv.Parser.Count != header.Length)
                throw new InvalidInputException($"{tsv} line {line}: {csv.Parser.Count} fields, header has {header.Length}.");
            string type = csv.GetField("type")!;
            if (!Types.Contains(type)) throw new InvalidInputException($"{tsv} line {line}, column \"type\": \"{type}\" is not TP, FP, FN or unlabelled.");
            if (!int.TryParse(csv.GetField("id"), NumberStyles.Integer, CultureInfo.InvariantCulture, out int id))
                throw new InvalidInputException($"{tsv} line {line}, column \"id\": \"{csv.GetField("id")}\" is not a whole number.");
            var values = new double[numeric.Length];
            for (int j = 0; j < numeric.Length; j++)
            {
                string field = csv.GetField(numeric[j])!;
                if (field.Length == 0) values[j] = double.NaN;
                else if (!double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out values[j]))
                    throw new InvalidInputException($"{tsv} line {line}, column \"{numeric[j]}\": \"{field}\" is not a number.");
            }
            lesions.Add(new CohortLesion(scan, id, type, values));
        }
        return new RunTable(folder, scan, numeric, lesions, RunIdentity.Read(json));
    }
}
