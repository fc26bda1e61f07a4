using InstanceSaliency.Imaging.Volumes;

namespace InstanceSaliency.Models.Training;

/// <summary>
/// A simulated change of scanner or site, applied to raw FLAIR and T1 before the segmenter's own normalisation:
/// gamma per channel (<see cref="IntensityGamma"/>), then a smooth multiplicative bias field of amplitude
/// <see cref="BiasAmplitude"/> on both channels (<see cref="BiasField.Evaluation"/>: fixed, not random), then a
/// Gaussian blur of σ = <see cref="BlurSigmaMm"/> mm on both channels (voxel sizes from the affine), then a
/// thick-slice acquisition of <see cref="ThickSliceMm"/> mm slabs along the volume's k axis (<see cref="ThickSlices"/>,
/// phase 0; the slab is round(thickness / voxel size along k) voxels, so a scan whose slices are already that thick is
/// unchanged). The identity is gamma 1, bias 0, blur 0, slices 0. The issues' conditions are <see cref="Standard"/>.
/// </summary>
public sealed record SiteShift(string Name, double FlairGamma = 1, double T1Gamma = 1, double BiasAmplitude = 0, double BlurSigmaMm = 0, double ThickSliceMm = 0)
{
    /// <summary>No shift.</summary>
    public static SiteShift None { get; } = new("none");

    /// <summary>
    /// The conditions the shipped model is evaluated under, unshifted first: issue 5's, then issue 15's closer to a
    /// real other site (a stronger bias field, 6 mm slices from a 1 mm scan).
    /// </summary>
    public static IReadOnlyList<SiteShift> Standard { get; } =
    [
        None,
        new("flair-gamma-0.7", FlairGamma: 0.7),
        new("flair-gamma-1.4", FlairGamma: 1.4),
        new("t1-gamma-0.7", T1Gamma: 0.7),
        new("t1-gamma-1.4", T1Gamma: 1.4),
        new("bias-20pct", BiasAmplitude: 0.2),
        new("blur-1mm", BlurSigmaMm: 1.0),
        new("bias-40pct", BiasAmplitude: 0.4),
        new("thick-slices-6mm", ThickSliceMm: 6.0),
    ];

    /// <summary>The condition named <paramref name="name"/> among <see cref="Standard"/>, or null.</summary>
    public static SiteShift? Find(string name) => Standard.FirstOrDefault(s => s.Name.Equals(name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The shifted copies of <paramref name="flair"/> and <paramref name="t1"/> (inputs unchanged).</summary>
    public (Volume<float> Flair, Volume<float> T1) Apply(Volume<float> flair, Volume<float> t1)
    {
        ArgumentNullException.ThrowIfNull(flair);
        ArgumentNullException.ThrowIfNull(t1);
        return (ApplyChannel(flair, FlairGamma), ApplyChannel(t1, T1Gamma));
    }

    Volume<float> ApplyChannel(Volume<float> channel, double gamma)
    {
        var s = channel.Shape;
        var v = (float[])channel.Voxels.Clone();
        if (gamma != 1)
        {
            double max = IntensityGamma.Maximum(v);
            for (int n = 0; n < v.Length; n++) v[n] = IntensityGamma.Apply(v[n], gamma, max);
        }
        if (BiasAmplitude != 0)
        {
            var field = BiasField.Evaluation(BiasAmplitude, s.I, s.J, s.K);
            for (int k = 0; k < s.K; k++)
                for (int j = 0; j < s.J; j++)
                    for (int i = 0; i < s.I; i++)
                        v[s.Index(i, j, k)] *= (float)field.At(i, j, k);
        }
        if (BlurSigmaMm > 0)
        {
            var size = channel.Geometry.VoxelSizeMm;
            v = GaussianBlur.Apply(v, s.I, s.J, s.K, (BlurSigmaMm / size.I, BlurSigmaMm / size.J, BlurSigmaMm / size.K));
        }
        if (ThickSliceMm > 0)
        {
            int slab = Math.Max(1, (int)Math.Round(ThickSliceMm / channel.Geometry.VoxelSizeMm.K));
            v = ThickSlices.Apply(v, s.I, s.J, s.K, slab, 0);
        }
        return channel.WithVoxels(v);
    }
}
