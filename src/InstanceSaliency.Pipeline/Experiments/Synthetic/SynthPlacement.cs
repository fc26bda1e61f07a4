using InstanceSaliency.Imaging;
using InstanceSaliency.Imaging.Morphology;
using InstanceSaliency.Imaging.Synthesis;
using InstanceSaliency.Imaging.Volumes;

namespace InstanceSaliency.Pipeline.Experiments.Synthetic;

/// <summary>
/// Where synthetic lesions go (method.md §8): centres in normal-appearing white matter
/// (<see cref="WhiteMatterEstimate"/>, which already leaves out the known lesions) at least clearance + the largest
/// semi-axis + 2σ_edge mm from every existing lesion, so neither the lesion nor its edge touches one. Centres are drawn
/// without replacement by a seeded shuffle; the existing lesions are the ground truth when given, else the
/// predicted mask.
/// </summary>
public static class SynthPlacement
{
    /// <summary>(i, j, k) centres, <paramref name="count"/> of them, in draw order.</summary>
    /// <exception cref="InvalidInputException">No or too few candidate voxels.</exception>
    public static IReadOnlyList<(int I, int J, int K)> Centres(Volume<float> flair, Volume<float> t1, Volume<byte> existing, SynthOptions options, int count)
    {
        var whiteMatter = new WhiteMatterEstimate().Estimate(flair, t1, existing);
        double away = options.ClearanceMm + options.RadiiMm.Max(r => r.LargestMm) + 2 * options.EdgeSigmaMm;
        var distance = existing.Voxels.Any(v => v != 0) ? EuclideanDistanceTransform.SquaredDistancesMm2(existing) : null;
        var candidates = new List<int>();
        for (int n = 0; n < whiteMatter.Voxels.Length; n++)
            if (whiteMatter.Voxels[n] != 0 && (distance is null || distance[n] >= away * away)) candidates.Add(n);
        if (candidates.Count < count)
            throw new InvalidInputException(
                $"synth: only {candidates.Count} normal-appearing white-matter voxel(s) lie ≥ {away:0.#} mm (clearance + largest semi-axis + 2 edge σ) " +
                $"from the existing lesions; {count} placement(s) " +
                    $"needed. Lower --clearance, --radii or --repeats.");
        var random = new Random(unchecked((int)(options.Seed ^ (options.Seed >> 32))));
        var centres = new List<(int, int, int)>();
        for (int n = 0; n < count; n++)
        {
            int pick = n + random.Next(candidates.Count - n);
            (candidates[n], candidates[pick]) = (candidates[pick], candidates[n]);
            centres.Add(flair.Shape.Coordinates(candidates[n]));
        }
        return centres;
    }
}
