using System.Text.Json.Nodes;
using InstanceSaliency.Reporting.Charts;
using InstanceSaliency.Lesions;
using SkiaSharp;

namespace InstanceSaliency.Pipeline.Experiments.Context;

/// <summary>
/// What `ies context` writes into its folder: context_lesions.tsv (one row per lesion: plateau, segmentation
/// probability, context, settling and detection radius), context_curves.tsv (lesion × radius), context_pooled.tsv
/// (group × radius), summary.json (per group the pooled radius and the distribution of lesion radii) and
/// context_curves.png/.svg (pooled curves per group over the lesions' own curves).
/// </summary>
public static class ContextOutputs
{
    static readonly Dictionary<string, SKColor> Colours = new()
    {
        ["all"] = SKColors.Black, ["TP"] = new(0, 140, 70), ["FP"] = new(210, 50, 40), ["FN"] = new(40, 90, 200), ["unlabelled"] = new(120, 60, 170),
    };

    /// <summary>Writes everything into <paramref name="folder"/> (created if needed).</summary>
    public static void Write(string folder, ContextResult result, ContextOptions options, JsonObject provenance)
    {
        Directory.CreateDirectory(folder);
        var lesions = new ExperimentTable("id", "type", "voxels", "volume_mm3", "segmentation_mean_probability", "unmasked_mean_probability",
            "unmasked_detected", "context_radius_mm", "settling_radius_mm", "detection_radius_mm");
        var curves = new ExperimentTable("id", "type", "radius_mm", "mean_probability", "detected");
        foreach (var c in result.Curves)
        {
            var l = c.Lesion;
            lesions.Add(l.Id, l.Type.ToContractName(), l.VoxelCount, l.VolumeMm3, c.SegmentationMeanProbability, c.UnmaskedMeanProbability,
                c.UnmaskedDetected, c.ContextRadiusMm(result.PlateauFraction), c.SettlingRadiusMm(result.PlateauFraction), c.DetectionRadiusMm());
            for (int n = 0; n < c.RadiiMm.Count; n++) curves.Add(l.Id, l.Type.ToContractName(), c.RadiiMm[n], c.MeanProbability[n], c.Detected[n]);
        }
        lesions.Write(Path.Combine(folder, "context_lesions.tsv"));
        curves.Write(Path.Combine(folder, "context_curves.tsv"));

        var pooled = result.Groups.Select(result.Pooled).ToList();
        var pooledTable = new ExperimentTable("group", "lesions", "radius_mm", "mean_probability", "detection_rate");
        foreach (var p in pooled)
            for (int n = 0; n < result.RadiiMm.Count; n++) pooledTable.Add(p.Group, p.Lesions, result.RadiiMm[n], p.MeanProbability[n], p.DetectionRate[n]);
        pooledTable.Write(Path.Combine(folder, "context_pooled.tsv"));

        Figure(result, pooled).Save(Path.Combine(folder, "context_curves"));

        var groups = new JsonObject();
        foreach (var p in pooled)
            groups[p.Group] = new JsonObject
            {
                ["lesions"] = p.Lesions,
                ["plateau_mean_probability"] = ExperimentJson.Number(p.Plateau),
                ["unmasked_detection_rate"] = ExperimentJson.Number(p.UnmaskedDetectionRate),
                ["pooled_context_radius_mm"] = ExperimentJson.Number(p.ContextRadiusMm),
                ["lesion_context_radius_mm"] = ExperimentJson.Distribution(p.LesionRadiiMm),
                ["pooled_settling_radius_mm"] = ExperimentJson.Number(p.SettlingRadiusMm),
                ["lesion_settling_radius_mm"] = ExperimentJson.Distribution(p.LesionSettlingRadiiMm),
            };
        var headline = result.Pooled(result.HeadlineGroup);
        provenance["headline"] = new JsonObject
        {
            ["group"] = headline.Group,
            ["lesions"] = headline.Lesions,
            ["pooled_context_radius_mm"] = ExperimentJson.Number(headline.ContextRadiusMm),
            ["pooled_settling_radius_mm"] = ExperimentJson.Number(headline.SettlingRadiusMm),
            ["why"] = "the paper's context radius is for TP lesions; FN lesions (plateau near 0) would pull the pooled 'all' radius down; every group is in 'groups'",
        };
        provenance["experiment"] = "context";
        provenance["definition"] = $"input zeroed outside d(v, lesion) <= r (mm, both channels after normalisation); one forward pass on the exact crop; context radius = smallest r with mean p >= " +
            $"{options.PlateauFraction} x plateau; plateau = mean p on the unmasked input (r = infinity); settling radius = smallest r from which mean p stays within (1 - fraction) x plateau of " +
                $"the plateau up to max_radius_mm; undefined (null) when not reached within max_radius_mm";
        provenance["max_radius_mm"] = options.MaximumRadiusMm;
        provenance["step_mm"] = options.StepMm;
        provenance["plateau_fraction"] = options.PlateauFraction;
        provenance["threshold"] = result.Threshold;
        provenance["groups"] = groups;
        ExperimentJson.Write(Path.Combine(folder, "summary.json"), provenance);
    }

    static Chart Figure(ContextResult result, IReadOnlyList<PooledContext> pooled)
    {
        var chart = new Chart("Context needed: mean lesion probability vs kept radius", "radius kept around the lesion r (mm)", "mean probability over the lesion");
        foreach (var c in result.Curves)
            chart.Line(c.RadiiMm, c.MeanProbability, Colour(c.Lesion.Type.ToContractName()).WithAlpha(45), null);
        foreach (var p in pooled)
        {
            var c = System.Globalization.CultureInfo.InvariantCulture;
            string radius = double.IsFinite(p.ContextRadiusMm) ? string.Create(c, $"{p.ContextRadiusMm:0.#} mm") : string.Create(c, $"> {result.RadiiMm[^1]:0.#} mm");
            chart.Line(result.RadiiMm, p.MeanProbability, Colour(p.Group), $"{p.Group} (n = {p.Lesions}), radius {radius}", markers: true);
            chart.Line([result.RadiiMm[0], result.RadiiMm[^1]], [p.Plateau, p.Plateau], Colour(p.Group), null, dashed: true);
        }
        return chart;
    }

    static SKColor Colour(string group) => Colours.GetValueOrDefault(group, SKColors.Gray);
}
