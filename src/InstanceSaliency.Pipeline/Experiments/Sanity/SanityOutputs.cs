using System.Text.Json.Nodes;
using InstanceSaliency.Reporting.Charts;
using InstanceSaliency.Lesions;
using SkiaSharp;

namespace InstanceSaliency.Pipeline.Experiments.Sanity;

/// <summary>
/// What `ies sanity` writes: sanity_correlations.tsv (step × method × lesion: ρ), sanity_layers.tsv (step × method:
/// the randomised layer, mean and median ρ over the crop and near the lesion), summary.json and sanity.png/.svg (median ρ against the number of
/// blocks randomised, one line per method).
/// </summary>
public static class SanityOutputs
{
    static readonly SKColor[] Palette = [new(230, 120, 0), new(0, 150, 170), new(120, 60, 170)];

    public static void Write(string folder, SanityResult result, SanityOptions options, JsonObject provenance)
    {
        Directory.CreateDirectory(folder);
        var each = new ExperimentTable("step", "layer", "method", "id", "type", "spearman", "spearman_near");
        foreach (var c in result.Correlations) each.Add(c.Step, c.Layer, c.Method, c.Lesion.Id, c.Lesion.Type.ToContractName(), c.Spearman, c.SpearmanNear);
        each.Write(Path.Combine(folder, "sanity_correlations.tsv"));

        var layers = new ExperimentTable("step", "layer", "method", "lesions", "mean_spearman", "median_spearman", "mean_spearman_near", "median_spearman_near");
        var steps = new JsonArray();
        for (int step = 0; step <= result.Layers.Count; step++)
        {
            string layer = step == 0 ? "none (trained)" : result.Layers[step - 1];
            var perMethod = new JsonObject();
            foreach (string method in result.Methods)
            {
                var (mean, median, count) = result.Summary(step, method);
                var (meanNear, medianNear, _) = result.Summary(step, method, near: true);
                layers.Add(step, layer, method, count, mean, median, meanNear, medianNear);
                perMethod[method] = new JsonObject
                {
                    ["lesions"] = count, ["mean_spearman"] = ExperimentJson.Number(mean), ["median_spearman"] = ExperimentJson.Number(median),
                    ["mean_spearman_near"] = ExperimentJson.Number(meanNear), ["median_spearman_near"] = ExperimentJson.Number(medianNear),
                };
            }
            steps.Add(new JsonObject { ["step"] = step, ["randomised_layer"] = layer, ["methods"] = perMethod });
        }
        layers.Write(Path.Combine(folder, "sanity_layers.tsv"));

        var chart = new Chart("Cascading randomisation: rank correlation with the trained model's map", "blocks re-initialised from the output side", "median Spearman ρ of |saliency|");
        chart.Line([0, result.Layers.Count], [0, 0], SKColors.Gray, null, dashed: true);
        for (int m = 0; m < result.Methods.Count; m++)
        {
            var xs = Enumerable.Range(0, result.Layers.Count + 1).Select(s => (double)s).ToArray();
            chart.Line(xs, xs.Select(s => result.Summary((int)s, result.Methods[m]).Median).ToArray(), Palette[m % Palette.Length], $"{result.Methods[m]}, receptive-field crop", markers: true);
            chart.Line(xs, xs.Select(s => result.Summary((int)s, result.Methods[m], near: true).Median).ToArray(), Palette[m % Palette.Length],
                string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{result.Methods[m]}, within {options.NearRadiusMm:0.#} mm of the lesion"), dashed: true, markers: true);
        }
        chart.Save(Path.Combine(folder, "sanity"));

        provenance["experiment"] = "sanity";
        provenance["definition"] = "cascading randomisation (Adebayo et al. 2018): step s re-initialises the s convolution blocks nearest the output (seeded); Spearman rho of |map| (all map " +
            "channels) with the trained model's map over the lesion's exact receptive-field crop (spearman) and over the crop voxels within near_radius_mm of the lesion (spearman_near)";
        provenance["near_radius_mm"] = options.NearRadiusMm;
        provenance["samples"] = options.SmoothGrad.Samples;
        provenance["noise_fraction"] = options.SmoothGrad.NoiseFractionOfFlairRange;
        provenance["lesions"] = result.Correlations.Select(c => c.Lesion.Id).Distinct().Count();
        provenance["steps"] = steps;
        ExperimentJson.Write(Path.Combine(folder, "summary.json"), provenance);
    }
}
