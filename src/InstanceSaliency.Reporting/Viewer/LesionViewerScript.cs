using System.Text.Json;
using InstanceSaliency.Reporting.Figures;

namespace InstanceSaliency.Reporting.Viewer;

/// <summary>
/// assets/lesions/lesion-&lt;id4&gt;.js: the lesion's neighbourhood (<see cref="LesionNeighbourhood"/>) cut out of the
/// anatomy, its outline and its maps, as base64 .nii.gz with the crop's shifted affine, plus the display windows
/// and colour limits the figure uses. Maps on another grid than the FLAIR (a model's working grid) are cut on their
/// own grid around the same world cube; the viewer overlays them through their affines. A classic script (not fetched data), so it loads from file:// too.
/// </summary>
public static class LesionViewerScript
{
    /// <summary>The script for one lesion; it registers its data in <c>window.iesLesions[id]</c>.</summary>
    public static string Build(LesionImages images, LesionNeighbourhood box)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(box);
        var volumes = new Dictionary<string, string>
        {
            ["flair"] = Convert.ToBase64String(EmbeddedNifti.Scaled(box.Crop(images.Flair))),
            ["t1"] = Convert.ToBase64String(EmbeddedNifti.Scaled(box.Crop(images.T1))),
            ["outline"] = Convert.ToBase64String(EmbeddedNifti.Mask(LesionShell.Of(box.Crop(images.Mask)))),
        };
        var limits = new Dictionary<string, double>();
        void Add(string name, Imaging.Volumes.Volume<float>? map)
        {
            if (map is null) return;
            // A map on the model's working grid gets the same world cube cut from its own grid, with its own affine.
            var own = box.On(map.Affine);
            volumes[name] = Convert.ToBase64String(EmbeddedNifti.Scaled(own.Crop(map)));
            limits[name] = own.MaxMagnitude(map);
        }
        Add("smoothgrad_flair", images.SmoothGradFlair);
        Add("smoothgrad_t1", images.SmoothGradT1);
        Add("smoothgrad-max_flair", images.SmoothGradMaxFlair);
        Add("smoothgrad-max_t1", images.SmoothGradMaxT1);
        Add("gradcampp", images.GradCam);
        var flairWindow = GreyWindow.Of(box.Values(images.Flair));
        var t1Window = GreyWindow.Of(box.Values(images.T1));
        var data = new
        {
            id = images.Lesion.Id,
            volumes,
            limits,
            windows = new Dictionary<string, double[]> { ["flair"] = [flairWindow.Low, flairWindow.High], ["t1"] = [t1Window.Low, t1Window.High] },
        };
        return "window.iesLesions = window.iesLesions || {};\n" +
               $"window.iesLesions[{images.Lesion.Id}] = {JsonSerializer.Serialize(data)};\n";
    }
}
