using System.Globalization;
using System.Text.RegularExpressions;

namespace InstanceSaliency.Reporting.Charts;

/// <summary>
/// A readable axis title, with units, for a column of lesions.tsv (method.md §7): e.g. <c>smoothgrad_flair_peak</c> →
/// "SmoothGrad (average), FLAIR channel: peak in the lesion (logit per normalised-intensity unit)". Saliency maps are
/// ∂ logit / ∂ input, so their unit is logit per unit of normalised intensity; a sum over voxels adds "× voxels";
/// Grad-CAM++ is a ReLU of weighted activations, in arbitrary units (the normalised copy: fraction of its maximum).
/// A column it does not know keeps its name.
/// </summary>
public static partial class FeatureLabel
{
    static readonly Dictionary<string, string> Methods = new(StringComparer.Ordinal)
    {
        ["smoothgrad"] = "SmoothGrad (average)", ["smoothgrad-max"] = "SmoothGrad (max)", ["gradcampp"] = "Grad-CAM++",
    };

    static readonly Dictionary<string, string> Context = new(StringComparer.Ordinal)
    {
        ["voxels"] = "lesion size (voxels)", ["volume_mm3"] = "lesion volume (mm³)", ["mean_probability"] = "mean lesion probability over the lesion (0–1)",
    };

    [GeneratedRegex(@"^(?<method>smoothgrad-max|smoothgrad|gradcampp)_(?<channel>flair|t1|cam-normalised|cam)_(?<feature>sum|mean|max|min|peak|ring(?<k>\d+)_(?<ring>mean|sum))$")]
    private static partial Regex MapFeature();

    [GeneratedRegex(@"^(?<method>smoothgrad-max|smoothgrad|gradcampp)_flair_share$")]
    private static partial Regex Share();

    /// <summary>The axis title of <paramref name="column"/>.</summary>
    public static string Of(string column)
    {
        ArgumentNullException.ThrowIfNull(column);
        if (Context.TryGetValue(column, out string? context)) return context;
        if (Share().Match(column) is { Success: true } s)
            return $"{Methods[s.Groups["method"].Value]}: FLAIR share of |saliency| in the lesion (fraction 0–1)";
        if (MapFeature().Match(column) is not { Success: true } m) return column;
        string method = Methods[m.Groups["method"].Value], channel = m.Groups["channel"].Value;
        string source = channel switch
        {
            "flair" => $"{method}, FLAIR channel", "t1" => $"{method}, T1 channel", "cam" => $"{method} (raw)", _ => $"{method} (normalised)",
        };
        string unit = channel switch
        {
            "cam" => "arbitrary units", "cam-normalised" => "fraction of the map's maximum", _ => "logit per normalised-intensity unit",
        };
        string feature = m.Groups["feature"].Value;
        bool sum = feature == "sum" || m.Groups["ring"].Value == "sum";
        string where = m.Groups["k"].Success
            ? string.Create(CultureInfo.InvariantCulture,
                $"{m.Groups["ring"].Value} in the ring {int.Parse(m.Groups["k"].Value, CultureInfo.InvariantCulture) - 1}–{m.Groups["k"].Value} mm outside the lesion")
            : feature switch { "peak" => "peak (signed value of largest |M|) in the lesion", _ => $"{feature} in the lesion" };
        return $"{source}: {where} ({unit}{(sum && channel is "flair" or "t1" ? " × voxels" : "")})";
    }
}
