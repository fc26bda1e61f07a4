using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using InstanceSaliency.Imaging;
using InstanceSaliency.Lesions;

namespace InstanceSaliency.Analysis.Features;

/// <summary>
/// Writes lesions.tsv: tab-separated, a header row, one row per explained lesion; numbers in invariant culture
/// with round-trip precision; undefined values (NaN) as empty fields, which R and pandas read as NA.
/// </summary>
public static class LesionTable
{
    /// <summary>The context columns before the features.</summary>
    public static readonly string[] ContextColumns =
        ["id", "type", "voxels", "volume_mm3", "centroid_x", "centroid_y", "centroid_z", "mean_probability"];

    /// <summary>Writes <paramref name="rows"/> with the feature columns <paramref name="featureNames"/> (also when there is no row).</summary>
    public static void Write(string path, IReadOnlyList<string> featureNames, IReadOnlyList<LesionRow> rows)
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
            foreach (string column in ContextColumns.Concat(featureNames)) csv.WriteField(column);
            csv.NextRecord();
            foreach (var row in rows)
            {
                var l = row.Lesion;
                csv.WriteField(l.Id);
                csv.WriteField(l.Type.ToContractName());
                csv.WriteField(l.VoxelCount);
                foreach (double v in new[] { l.VolumeMm3, l.CentroidMm.X, l.CentroidMm.Y, l.CentroidMm.Z, row.MeanProbability })
                    csv.WriteField(Number(v));
                foreach (var (_, value) in row.Features) csv.WriteField(Number(value));
                csv.NextRecord();
            }
        });
    }

    static string Number(double value) => double.IsNaN(value) ? "" : value.ToString("R", CultureInfo.InvariantCulture);
}
