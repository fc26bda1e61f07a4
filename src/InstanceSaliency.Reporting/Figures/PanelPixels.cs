namespace InstanceSaliency.Reporting.Figures;

/// <summary>The RGBA pixels of one square figure panel, built in layers: anatomy, then overlay, then lesion outline.</summary>
public sealed class PanelPixels
{
    /// <summary>A black panel of <paramref name="size"/>² pixels.</summary>
    public PanelPixels(int size)
    {
        Size = size;
        Pixels = Enumerable.Repeat(new Rgba(0, 0, 0, 255), size * size).ToArray();
    }

    /// <summary>Pixels per side.</summary>
    public int Size { get; }

    /// <summary>Opaque colours, row by row.</summary>
    public Rgba[] Pixels { get; }

    /// <summary>Paints the sampled anatomy in grey.</summary>
    public PanelPixels Anatomy(float[] values, GreyWindow window)
    {
        for (int n = 0; n < Pixels.Length; n++) Pixels[n] = window.Colour(values[n]);
        return this;
    }

    /// <summary>Composites a saliency overlay over the panel.</summary>
    public PanelPixels Overlay(float[] values, OverlayColourMap map)
    {
        for (int n = 0; n < Pixels.Length; n++) Pixels[n] = map.Colour(values[n]).Over(Pixels[n]);
        return this;
    }

    /// <summary>
    /// Draws the lesion's outline just outside its voxels (pixels outside the mask within <paramref name="width"/>
    /// pixels of it), so the lesion itself stays visible.
    /// </summary>
    public PanelPixels Outline(float[] mask, Rgba colour, int width = 2)
    {
        bool Inside(int r, int c) => r >= 0 && c >= 0 && r < Size && c < Size && mask[r * Size + c] > 0.5f;
        for (int r = 0; r < Size; r++)
            for (int c = 0; c < Size; c++)
            {
                if (Inside(r, c)) continue;
                bool near = false;
                for (int dr = -width; dr <= width && !near; dr++)
                    for (int dc = -width; dc <= width && !near; dc++) near = Inside(r + dr, c + dc);
                if (near) Pixels[r * Size + c] = colour;
            }
        return this;
    }
}
