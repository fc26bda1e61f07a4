using InstanceSaliency.Imaging.Volumes;

namespace InstanceSaliency.Imaging.Nifti;

/// <summary>
/// A binary mask read from a file, with the warnings its values raised (empty for a clean 0/1 mask). The library
/// never prints: the command line shows each warning on standard error.
/// </summary>
/// <param name="Mask">1 where the scaled value is &gt; 0.5 (lesion), else 0; the file's geometry.</param>
/// <param name="Warnings">One sentence per problem, each naming the file (see <see cref="MaskBinarisation"/>).</param>
public sealed record MaskReading(Volume<byte> Mask, IReadOnlyList<string> Warnings);
