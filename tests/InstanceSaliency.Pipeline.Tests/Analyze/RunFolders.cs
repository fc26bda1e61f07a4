using System.Globalization;
using System.Text;

namespace InstanceSaliency.Pipeline.Tests.Analyze;

/// <summary>Hand-written explain run folders (lesions.tsv + run.json) for the cohort tests.</summary>
static class RunFolders
{
    public static readonly string[] Header =
        ["id", "type", "voxels", "volume_mm3", "centroid_x", "centroid_y", "centroid_z", "mean_probability",
         "smoothgrad_flair_mean", "smoothgrad_flair_peak", "smoothgrad_flair_ring1_mean", "smoothgrad_flair_ring2_mean", "smoothgrad_flair_share"];

    /// <summary>A lesion row: type and peak chosen, the rest derived (TP: high peak, FP: lower, FN: lowest).</summary>
    public static string[] Row(int id, string type, double peak, double share = 0.8) =>
        [I(id), type, I(10 + id), D(10.5 + id), "1", "2", "3", D(type == "FN" ? 0.1 : 0.6 + peak / 100),
         D(peak / 2), D(peak), D(-peak / 10), "", D(share)];

    public static string Write(string parent, string scan, IEnumerable<string[]> rows, string[]? header = null, string samples = "50", string? flairSha = null, (int Tp, int Fp, int Fn)? counts = null)
    {
        string folder = Path.Combine(parent, scan);
        Directory.CreateDirectory(folder);
        var text = new StringBuilder(string.Join('\t', header ?? Header) + "\n");
        foreach (var row in rows) text.Append(string.Join('\t', row)).Append('\n');
        File.WriteAllText(Path.Combine(folder, "lesions.tsv"), text.ToString());
        File.WriteAllText(Path.Combine(folder, "run.json"), $$"""
            { "tool": "InstanceSaliency", "command": "explain",
              "inputs": { "flair": { "path": "/data/{{scan}}/flair.nii.gz", "sha256": "{{flairSha ?? "sha-" + scan}}" } },
              "model": { "path": "/m/model.pt", "sha256": "abc123" },
              "options": { "methods": ["smoothgrad"], "samples": {{samples}}, "noise": 0.05, "seed": 0, "device": "cpu", "strategy": "fast" },
              "seed": 0{{Lesions(counts)}} }
            """);
        return folder;
    }

    /// <summary>Three scans: 4 + 3 + 3 TP, 2 + 2 + 1 FP, 1 + 1 + 0 FN.</summary>
    public static string[] Three(string parent) =>
    [
        Write(parent, "scanA", [Row(1, "TP", 9.1), Row(2, "TP", 7.4), Row(3, "FP", 2.2), Row(4, "TP", 8.8), Row(5, "FP", 3.9), Row(6, "TP", 6.5), Row(7, "FN", 1.1)]),
        Write(parent, "scanB", [Row(1, "TP", 5.9), Row(2, "FP", 4.4), Row(3, "TP", 8.1), Row(4, "FP", 2.7), Row(5, "TP", 7.7), Row(6, "FN", 0.9)]),
        Write(parent, "scanC", [Row(1, "TP", 6.8), Row(2, "FP", 6.9), Row(3, "TP", 9.9), Row(4, "TP", 5.2)]),
    ];

    /// <summary>run.json's "lesions" member with the segmentation's counts over every component (as explain writes it).</summary>
    static string Lesions((int Tp, int Fp, int Fn)? counts) => counts is not { } c ? "" :
        $$""", "lesions": { "predicted": {{c.Tp + c.Fp}}, "missed": {{c.Fn}}, "explained": 0, "metrics": { "dice": 0.5, "ndsc": 0.5, "tp": {{c.Tp}}, "fp": {{c.Fp}}, "fn": {{c.Fn}} } }""";

    static string I(int v) => v.ToString(CultureInfo.InvariantCulture);
    static string D(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
