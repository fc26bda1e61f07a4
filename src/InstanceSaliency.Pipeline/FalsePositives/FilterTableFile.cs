using System.Globalization;
using System.Text;
using InstanceSaliency.Imaging;
using InstanceSaliency.Lesions;

namespace InstanceSaliency.Pipeline.FalsePositives;

/// <summary>
/// fp_filter.tsv of `ies segment --fp-filter`: one row per predicted lesion before filtering — <c>id</c> (the id `segment`
/// gives it without the filter), <c>voxels</c>, <c>volume_mm3</c>, <c>fp_probability</c>, <c>filtered</c> (true/false) and
/// <c>label</c>, its id in the written labels.nii.gz (renumbered 1..n in first-voxel order; empty when filtered).
/// </summary>
public static class FilterTableFile
{
    /// <summary>The file name in the output folder.</summary>
    public const string Name = "fp_filter.tsv";

    /// <summary>Writes the table atomically; <paramref name="kept"/> are the lesions of the written labels, in id order.</summary>
    public static void Write(string path, FilterOutcome outcome, IReadOnlyList<LesionInstance> kept)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(kept);
        // The filter keeps or drops whole components, so a kept lesion's first voxel is the first voxel of one new label.
        var label = kept.ToDictionary(l => l.VoxelIndices.Min(), l => l.Id);
        var text = new StringBuilder("id\tvoxels\tvolume_mm3\tfp_probability\tfiltered\tlabel\n");
        foreach (var lesion in outcome.Features.Lesions)
        {
            var verdict = outcome.Verdicts[lesion.Id];
            string newId = verdict.Filtered ? "" : label[lesion.VoxelIndices.Min()].ToString(CultureInfo.InvariantCulture);
            text.Append(string.Create(CultureInfo.InvariantCulture,
                $"{lesion.Id}\t{lesion.VoxelCount}\t{lesion.VolumeMm3:R}\t{verdict.FpProbability:R}\t{(verdict.Filtered ? "true" : "false")}\t{newId}\n"));
        }
        AtomicFile.WriteText(path, text.ToString());
    }
}
