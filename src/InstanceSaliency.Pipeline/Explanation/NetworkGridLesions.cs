using InstanceSaliency.Imaging.Geometry;
using InstanceSaliency.Imaging.Volumes;
using InstanceSaliency.Lesions;
using InstanceSaliency.Models.Segmentation;

namespace InstanceSaliency.Pipeline.Explanation;

/// <summary>
/// The input an explain run differentiates and each explained lesion's Ω there (issue 14). On the FLAIR's own grid:
/// the FLAIR, the T1 and the lesion's voxels. On a model's working grid: the FLAIR and T1 the network saw, and
/// Ω = the lesion's native component (predicted: labels.nii.gz; missed: missed.nii.gz) mapped onto the working grid
/// by nearest neighbour (<see cref="Imaging.Resampling.WorkingGrid.LabelsToWorking{T}"/>), same id. A component
/// too thin to own a working voxel centre (a 1-voxel lesion of 0.9 mm onto 1 mm) gets, instead, the working voxels
/// nearest to its native voxel centres, so no lesion is left without a target.
/// </summary>
sealed class NetworkGridLesions
{
    readonly Dictionary<int, int[]> _omega;

    NetworkGridLesions(Volume<float> flair, Volume<float> t1, WorkingScan? working, Dictionary<int, int[]> omega) =>
        (Flair, T1, Working, _omega) = (flair, t1, working, omega);

    /// <summary>The FLAIR the network saw (before normalisation).</summary>
    public Volume<float> Flair { get; }

    /// <summary>The T1 the network saw (before normalisation).</summary>
    public Volume<float> T1 { get; }

    /// <summary>The working grid and what the network saw there; null on the FLAIR's own grid.</summary>
    public WorkingScan? Working { get; }

    /// <summary>Ω of <paramref name="lesion"/> on the network's grid: voxel indices in NIfTI storage order.</summary>
    public IReadOnlyList<int> Voxels(LesionInstance lesion) => Working is null ? lesion.VoxelIndices : _omega[lesion.Id];

    public static NetworkGridLesions For(SegmentationResult segmentation, LesionReport report, IReadOnlyList<LesionInstance> chosen,
        Volume<float> flair, Volume<float> t1)
    {
        if (segmentation.Working is not { } working) return new NetworkGridLesions(flair, t1, null, []);
        var grid = working.Grid;
        var predicted = grid.LabelsToWorking(report.Labels, "labels");
        var missed = report.MissedLabels is { } m ? grid.LabelsToWorking(m, "missed") : null;
        var missedIds = report.Missed.Select(l => l.Id).ToHashSet();
        var omega = new Dictionary<int, int[]>();
        foreach (var lesion in chosen)
        {
            var labels = missedIds.Contains(lesion.Id) ? missed! : predicted;
            var voxels = new List<int>();
            for (int n = 0; n < labels.Voxels.Length; n++) if (labels.Voxels[n] == lesion.Id) voxels.Add(n);
            omega[lesion.Id] = voxels.Count > 0 ? [.. voxels] : NearestCentres(lesion, grid);
        }
        return new NetworkGridLesions(working.Flair, working.T1, working, omega);
    }

    static int[] NearestCentres(LesionInstance lesion, Imaging.Resampling.WorkingGrid grid)
    {
        var toWorking = grid.Working.Affine.Inverse().Multiply(grid.Native.Affine);
        var shape = grid.Working.Shape;
        var set = new SortedSet<int>();
        foreach (int v in lesion.VoxelIndices)
        {
            var (i, j, k) = grid.Native.Shape.Coordinates(v);
            var (x, y, z) = toWorking.Apply(i, j, k);
            int wi = Math.Clamp((int)Math.Round(x), 0, shape.I - 1), wj = Math.Clamp((int)Math.Round(y), 0, shape.J - 1), wk = Math.Clamp((int)Math.Round(z), 0, shape.K - 1);
            set.Add((int)shape.Index(wi, wj, wk));
        }
        return [.. set];
    }
}
