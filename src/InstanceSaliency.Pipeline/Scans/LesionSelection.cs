using InstanceSaliency.Imaging;
using InstanceSaliency.Lesions;

namespace InstanceSaliency.Pipeline.Scans;

/// <summary>
/// Which lesions a use case explains or studies (method.md §3), the one policy of explain and the experiments:
/// every predicted and every missed (FN) lesion of at least the minimum size, in id order; only the given ids when
/// there are some (each must exist; a lesion smaller than the minimum may be named); at most a maximum number when
/// given (the first in id order). The report holds every component (ids as `ies lesions` and `ies segment` give
/// them, metrics over all of them): the minimum size decides only what is explained (README, Conventions).
/// </summary>
public static class LesionSelection
{
    /// <exception cref="InvalidInputException">An id names no lesion.</exception>
    public static List<LesionInstance> Choose(LesionReport report, IReadOnlySet<int>? ids, int minimumVoxels, int? maximum = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        var all = report.Lesions.Concat(report.Missed).ToList();
        List<LesionInstance> chosen;
        if (ids is null)
            chosen = report.Lesions.Concat(report.Missed).Where(l => l.VoxelCount >= minimumVoxels).ToList();
        else
        {
            var known = all.Select(l => l.Id).ToHashSet();
            foreach (int id in ids.Order())
                if (!known.Contains(id))
                    throw new InvalidInputException(
                        $"--lesions: no lesion has id {id}; this scan's ids are {Ids(report.Lesions, "predicted")}, {Ids(report.Missed, "missed")}.");
            chosen = all.Where(l => ids.Contains(l.Id)).ToList();
        }
        return maximum is { } m ? chosen.Take(m).ToList() : chosen;
    }

    static string Ids(IReadOnlyList<LesionInstance> lesions, string kind) =>
        lesions.Count == 0 ? $"no {kind} lesion" : $"{lesions[0].Id}–{lesions[^1].Id} {kind}";
}
