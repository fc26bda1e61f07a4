using InstanceSaliency.Imaging.Resampling;
using InstanceSaliency.Imaging.Volumes;

namespace InstanceSaliency.Models.Segmentation;

/// <summary>
/// A scan on a model's working grid (issue 14): the network's input before normalisation and its output there.
/// Saliency is taken with respect to this input, and its maps lie on <see cref="WorkingGrid.Working"/>.
/// </summary>
/// <param name="Grid">The native (FLAIR) grid, the working grid and the mappings between them.</param>
/// <param name="Flair">The FLAIR on the working grid (reoriented, trilinear, anti-aliased).</param>
/// <param name="T1">The T1 on the working grid, the same way.</param>
/// <param name="Probability">p = softmax(z)[1] on the working grid, before it was resampled back.</param>
/// <param name="ToWorkingSeconds">Wall time to put FLAIR and T1 on the working grid (s).</param>
/// <param name="ToNativeSeconds">Wall time to bring p back onto the FLAIR's grid (s).</param>
public sealed record WorkingScan(WorkingGrid Grid, Volume<float> Flair, Volume<float> T1, Volume<float> Probability,
    double ToWorkingSeconds, double ToNativeSeconds);
