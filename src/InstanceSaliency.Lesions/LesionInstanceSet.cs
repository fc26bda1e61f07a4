using InstanceSaliency.Imaging.Volumes;

namespace InstanceSaliency.Lesions;

/// <summary>Lesion instances together with the label volume that holds their ids (0 = background).</summary>
/// <param name="Lesions">The instances in id order.</param>
/// <param name="Labels">Id of the instance of every voxel, on the grid of the mask the instances came from.</param>
public sealed record LesionInstanceSet(IReadOnlyList<LesionInstance> Lesions, Volume<int> Labels);
