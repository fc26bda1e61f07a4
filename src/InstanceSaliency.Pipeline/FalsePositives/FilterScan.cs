using InstanceSaliency.Lesions;

namespace InstanceSaliency.Pipeline.FalsePositives;

/// <summary>
/// One labelled scan's predicted lesions for fitting a filter: their features, TP/FP types, and which ground-truth
/// components each overlaps, so the lesion counts after dropping any subset follow without relabelling (dropping whole
/// components leaves the others as they were: TP = kept components overlapping G, FP = kept ones that do not, FN = G
/// components no kept component overlaps, as <see cref="LesionAnalysis"/> counts them on the dropped mask).
/// </summary>
/// <param name="Name">The scan (manifest name).</param>
/// <param name="Site">Its site.</param>
/// <param name="Split">"train" (lesions to learn from) or "validation" (threshold choice).</param>
/// <param name="Features">Features of every predicted component.</param>
/// <param name="Types">TP or FP of each, in the order of <see cref="LesionFeatureTable.Lesions"/>.</param>
/// <param name="Overlaps">Ground-truth component indices each predicted component overlaps.</param>
/// <param name="TruthComponents">Number of ground-truth components.</param>
public sealed record FilterScan(string Name, string Site, string Split, LesionFeatureTable Features, IReadOnlyList<LesionType> Types,
    IReadOnlyList<IReadOnlyList<int>> Overlaps, int TruthComponents)
{
    /// <summary>Lesion TP, FP, FN after dropping the components where <paramref name="dropped"/> is true.</summary>
    public (int Tp, int Fp, int Fn) CountsAfter(IReadOnlyList<bool> dropped)
    {
        ArgumentNullException.ThrowIfNull(dropped);
        int tp = 0, fp = 0;
        var found = new bool[TruthComponents];
        for (int n = 0; n < Types.Count; n++)
        {
            if (dropped[n]) continue;
            if (Overlaps[n].Count > 0) tp++; else fp++;
            foreach (int g in Overlaps[n]) found[g] = true;
        }
        return (tp, fp, found.Count(f => !f));
    }
}
