using InstanceSaliency.Imaging.Volumes;

namespace InstanceSaliency.Reporting.Figures;

/// <summary>One row of a lesion figure: anatomy with an optional saliency overlay, titled.</summary>
/// <param name="Title">What the row shows, with units.</param>
/// <param name="Anatomy">The background image.</param>
/// <param name="Overlay">The saliency map, or null for anatomy and outline only.</param>
/// <param name="Colours">How the overlay is coloured (null without overlay).</param>
public sealed record FigureRow(string Title, Volume<float> Anatomy, Volume<float>? Overlay, OverlayColourMap? Colours)
{
    /// <summary>The rows of a lesion's figure: FLAIR with outline; SmoothGrad on FLAIR and on T1; Grad-CAM++ on FLAIR (those computed).</summary>
    public static IReadOnlyList<FigureRow> Of(LesionImages images, LesionNeighbourhood box)
    {
        var rows = new List<FigureRow> { new("FLAIR, lesion outline (green)", images.Flair, null, null) };
        if (images.SmoothGradFlair is { } f)
            rows.Add(new("FLAIR + SmoothGrad, FLAIR channel (logit per unit)", images.Flair, f, new OverlayColourMap(true, box.On(f.Affine).MaxMagnitude(f))));
        if (images.SmoothGradT1 is { } t)
            rows.Add(new("T1 + SmoothGrad, T1 channel (logit per unit)", images.T1, t, new OverlayColourMap(true, box.On(t.Affine).MaxMagnitude(t))));
        if (images.GradCam is { } c)
            rows.Add(new("FLAIR + Grad-CAM++", images.Flair, c, new OverlayColourMap(false, box.On(c.Affine).MaxMagnitude(c))));
        return rows;
    }
}
