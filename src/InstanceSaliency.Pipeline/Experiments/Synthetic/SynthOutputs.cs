using InstanceSaliency.Reporting.Charts;
using System.Text.Json.Nodes;

namespace InstanceSaliency.Pipeline.Experiments.Synthetic;

/// <summary>
/// What `ies synth` writes: synth_cells.tsv (one row per size × FLAIR contrast × T1 contrast: detection rate,
/// mean probability, FLAIR share), synth_lesions.tsv (every placement), summary.json and three heat maps
/// (synth_detection_rate, synth_mean_probability, synth_flair_share; PNG and SVG; one panel per size). The size is
/// `radius_mm` (the radius of a sphere; for an ellipsoid the radius of the sphere of equal volume) and, as the last
/// columns, the semi-axes `radius_i_mm`, `radius_j_mm`, `radius_k_mm` along the voxel axes.
/// </summary>
public static class SynthOutputs
{
    public static void Write(string folder, SynthResult result, SynthOptions options, JsonObject provenance)
    {
        Directory.CreateDirectory(folder);
        var cells = result.Cells();
        var cellTable = new ExperimentTable("radius_mm", "flair_contrast_sd", "t1_contrast_sd", "repeats", "detection_rate", "mean_probability", "flair_share",
            "radius_i_mm", "radius_j_mm", "radius_k_mm");
        foreach (var c in cells)
            cellTable.Add(c.RadiusMm, c.FlairContrastSd, c.T1ContrastSd, c.Repeats, c.DetectionRate, c.MeanProbability, c.FlairShare, c.RadiiMm.IMm, c.RadiiMm.JMm, c.RadiiMm.KMm);
        cellTable.Write(Path.Combine(folder, "synth_cells.tsv"));
        var each = new ExperimentTable("radius_mm", "flair_contrast_sd", "t1_contrast_sd", "repeat", "centre_i", "centre_j", "centre_k", "voxels",
            "flair_wm_sd", "t1_wm_sd", "mean_probability", "detected", "flair_share", "radius_i_mm", "radius_j_mm", "radius_k_mm");
        foreach (var e in result.Evaluations)
            each.Add(e.RadiusMm, e.FlairContrastSd, e.T1ContrastSd, e.Repeat, e.Centre.I, e.Centre.J, e.Centre.K, e.Voxels,
                e.FlairWhiteMatterSd, e.T1WhiteMatterSd, e.MeanProbability, e.Detected, e.FlairShare, e.RadiiMm.IMm, e.RadiiMm.JMm, e.RadiiMm.KMm);
        each.Write(Path.Combine(folder, "synth_lesions.tsv"));

        SynthHeatMap.Save(Path.Combine(folder, "synth_detection_rate"), "Synthetic lesions: detection rate (any p > τ in the lesion)", Heat(cells, c => c.DetectionRate), Panels(options),
            options.FlairContrastsSd, options.T1ContrastsSd);
        SynthHeatMap.Save(Path.Combine(folder, "synth_mean_probability"), "Synthetic lesions: mean probability over the lesion", Heat(cells, c => c.MeanProbability), Panels(options),
            options.FlairContrastsSd, options.T1ContrastsSd);
        SynthHeatMap.Save(Path.Combine(folder, "synth_flair_share"), "Synthetic lesions: FLAIR share of SmoothGrad", Heat(cells, c => c.FlairShare), Panels(options), options.FlairContrastsSd,
            options.T1ContrastsSd);

        provenance["experiment"] = "synth";
        provenance["definition"] = "ellipsoid with the given semi-axes along i, j, k (a sphere when equal) with a Gaussian edge inserted into normal-appearing white matter " +
            "(FLAIR + c_F sd_F w, T1 - c_T sd_T w, sd = local white-matter SD); " +
            "lesion = w >= 0.5; one forward pass on the exact crop; detected = any p > threshold in the lesion; FLAIR share of SmoothGrad (average aggregation) over the lesion";
        provenance["radii_mm"] = ExperimentJson.Numbers(options.RadiiMm.Select(r => r.EquivalentRadiusMm).ToArray());
        provenance["radii_ijk_mm"] = new JsonArray([.. options.RadiiMm.Select(r => (JsonNode?)new JsonArray(r.IMm, r.JMm, r.KMm))]);
        provenance["flair_contrasts_sd"] = ExperimentJson.Numbers(options.FlairContrastsSd);
        provenance["t1_contrasts_sd"] = ExperimentJson.Numbers(options.T1ContrastsSd);
        provenance["repeats"] = options.Repeats;
        provenance["edge_sigma_mm"] = options.EdgeSigmaMm;
        provenance["clearance_mm"] = options.ClearanceMm;
        provenance["samples"] = options.SmoothGrad.Samples;
        provenance["threshold"] = result.Threshold;
        provenance["placements"] = new JsonArray([.. result.Evaluations.Where(e => e.RadiiMm == options.RadiiMm[0] && e.FlairContrastSd == options.FlairContrastsSd[0]
            && e.T1ContrastSd == options.T1ContrastsSd[0])
            .Select(e => (JsonNode?)new JsonArray(e.Centre.I, e.Centre.J, e.Centre.K))]);
        ExperimentJson.Write(Path.Combine(folder, "summary.json"), provenance);
    }

    static SynthHeatMap.Cell[] Heat(IReadOnlyList<SynthCell> cells, Func<SynthCell, double> value) =>
        cells.Select(c => new SynthHeatMap.Cell(c.RadiiMm.ToString(), c.FlairContrastSd, c.T1ContrastSd, value(c))).ToArray();

    static string[] Panels(SynthOptions options) => options.RadiiMm.Select(r => r.ToString()).ToArray();
}
