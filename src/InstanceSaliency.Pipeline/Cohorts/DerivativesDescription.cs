using System.Text.Json;
using InstanceSaliency.Imaging;

namespace InstanceSaliency.Pipeline.Cohorts;

/// <summary>
/// dataset_description.json of the derivatives folder, as BIDS requires of a derivative dataset: Name,
/// BIDSVersion, DatasetType "derivative" and GeneratedBy (name, version).
/// </summary>
public static class DerivativesDescription
{
    public const string FileName = "dataset_description.json";

    /// <summary>The BIDS version the layout follows.</summary>
    public const string BidsVersion = "1.9.0";

    public static void Write(string derivatives, string toolVersion)
    {
        var description = new Dictionary<string, object>
        {
            ["Name"] = "InstanceSaliency: instance-level saliency of MS lesion segmentation",
            ["BIDSVersion"] = BidsVersion,
            ["DatasetType"] = "derivative",
            ["GeneratedBy"] = new[]
            {
                new Dictionary<string, string>
                {
                    ["Name"] = "InstanceSaliency",
                    ["Version"] = toolVersion,
                    ["Description"] = "Per-lesion SmoothGrad and Grad-CAM++ maps and features (`ies cohort run`).",
                },
            },
        };
        AtomicFile.WriteText(Path.Combine(derivatives, FileName), JsonSerializer.Serialize(description, new JsonSerializerOptions { WriteIndented = true }) + "\n");
    }
}
