using TorchSharp;
using static TorchSharp.torch;

namespace InstanceSaliency.Saliency.Targets;

/// <summary>
/// What is differentiated (method.md §4): the instance score s_Ω(x) = Σ_{v∈Ω} z1(x)[v], the sum of the
/// lesion-class logits over the voxels of one instance Ω. Voxels are (i, j, k) on the padded network grid, in
/// the order Ω is stored (NIfTI order of the original grid), which fixes tie-breaking in max aggregation.
/// </summary>
public sealed class InstanceTarget
{
    readonly int[] _i, _j, _k;

    /// <summary>An instance from its padded-grid voxel coordinates.</summary>
    public InstanceTarget(int id, IReadOnlyList<(int I, int J, int K)> voxels)
    {
        ArgumentNullException.ThrowIfNull(voxels);
        if (voxels.Count == 0) throw new ArgumentException($"Lesion {id}: an instance needs at least one voxel.", nameof(voxels));
        Id = id;
        _i = voxels.Select(v => v.I).ToArray();
        _j = voxels.Select(v => v.J).ToArray();
        _k = voxels.Select(v => v.K).ToArray();
        Bounds = new VoxelBox(_i.Min(), _j.Min(), _k.Min(), _i.Max() - _i.Min() + 1, _j.Max() - _j.Min() + 1, _k.Max() - _k.Min() + 1);
    }

    /// <summary>The lesion id (cli-contract.md numbering).</summary>
    public int Id { get; }

    /// <summary>|Ω|, the number of voxels.</summary>
    public int VoxelCount => _i.Length;

    /// <summary>The bounding box of Ω on the padded grid.</summary>
    public VoxelBox Bounds { get; }

    /// <summary>Voxel <paramref name="n"/> of Ω (stored order).</summary>
    public (int I, int J, int K) Voxel(int n) => (_i[n], _j[n], _k[n]);

    /// <summary>
    /// Flat indices of Ω's voxels into a C-order [D, H, W] tensor covering <paramref name="region"/>
    /// (index = ((i − i0)·H + (j − j0))·W + (k − k0)); every voxel must lie inside the region.
    /// </summary>
    public long[] FlatIndices(VoxelBox region)
    {
        if (!region.Contains(Bounds))
            throw new ArgumentException($"Lesion {Id}: its voxels {Bounds} do not all lie in the region {region}.", nameof(region));
        var flat = new long[_i.Length];
        for (int n = 0; n < flat.Length; n++)
            flat[n] = ((long)(_i[n] - region.I0) * region.SizeJ + (_j[n] - region.J0)) * region.SizeK + (_k[n] - region.K0);
        return flat;
    }

    /// <summary>
    /// The lesion-class logits z1 at Ω's voxels from network output <paramref name="logits"/> [1, class, D, H, W]
    /// over <paramref name="region"/>: a vector of |Ω| values in stored order.
    /// </summary>
    public Tensor LesionLogits(Tensor logits, VoxelBox region)
    {
        var index = tensor(FlatIndices(region), device: logits.device);
        return logits[0, 1].reshape(-1).index_select(0, index);
    }

    /// <summary>s_Ω = Σ_{v∈Ω} z1[v] for <paramref name="logits"/> over <paramref name="region"/>.</summary>
    public Tensor Score(Tensor logits, VoxelBox region) => LesionLogits(logits, region).sum();
}
