using InstanceSaliency.Imaging.Volumes;
using InstanceSaliency.Reporting.Runs;
using InstanceSaliency.Analysis.ExplainFolder;

namespace InstanceSaliency.Reporting.Figures;

/// <summary>Everything shown for one lesion, on the scan's grid: anatomy, the lesion's voxels and its saliency maps.</summary>
/// <param name="Lesion">The lesion's row of lesions.tsv.</param>
/// <param name="Flair">The FLAIR image.</param>
/// <param name="T1">The T1 image.</param>
/// <param name="Mask">1 inside the lesion, 0 elsewhere.</param>
/// <param name="SmoothGradFlair">SmoothGrad (average), FLAIR channel; null when the run did not compute it.</param>
/// <param name="SmoothGradT1">SmoothGrad (average), T1 channel.</param>
/// <param name="GradCam">Grad-CAM++ (raw, non-negative).</param>
public sealed record LesionImages(LesionTableRow Lesion, Volume<float> Flair, Volume<float> T1, Volume<float> Mask,
    Volume<float>? SmoothGradFlair, Volume<float>? SmoothGradT1, Volume<float>? GradCam)
{
    /// <summary>SmoothGrad (max aggregation, method.md §5), FLAIR channel; null when the run did not compute it.</summary>
    public Volume<float>? SmoothGradMaxFlair { get; init; }

    /// <summary>SmoothGrad (max aggregation), T1 channel.</summary>
    public Volume<float>? SmoothGradMaxT1 { get; init; }

    /// <summary>Reads the lesion's mask and maps from <paramref name="run"/>; the anatomy is shared between lesions.</summary>
    public static LesionImages Load(RunFolder run, LesionTableRow lesion, Volume<float> flair, Volume<float> t1)
    {
        ArgumentNullException.ThrowIfNull(run);
        Volume<float>? Map(string method, string channel) =>
            run.MapPath(lesion.Id, method, channel) is { } path ? RunFolder.ReadInput(path, "map") : null;
        return new LesionImages(lesion, flair, t1, run.LesionMask(lesion).Map(v => (float)v),
            Map("smoothgrad", "flair"), Map("smoothgrad", "t1"), Map("gradcampp", "cam"))
        {
            SmoothGradMaxFlair = Map("smoothgrad-max", "flair"),
            SmoothGradMaxT1 = Map("smoothgrad-max", "t1"),
        };
    }
}
