using InstanceSaliency.Saliency.Inputs;
using InstanceSaliency.Saliency.Methods;

namespace InstanceSaliency.Saliency.Catalog;

/// <summary>
/// One entry of the method catalog (<see cref="SaliencyMethods"/>): the method's contract name (cli-contract.md:
/// `--methods`, map file names, lesions.tsv column prefixes), how to make it for one scan, the outputs derived from
/// its raw map, and its cost in network passes for the up-front time estimate.
/// </summary>
public abstract class SaliencyMethod
{
    /// <summary>The contract name, e.g. "smoothgrad".</summary>
    public abstract string Name { get; }

    /// <summary>The method for one scan's input (σ of SmoothGrad is a fraction of that input's FLAIR range).</summary>
    public abstract IAttributionMethod Create(MethodSettings settings, NetworkInput input);

    /// <summary>
    /// Network passes of one lesion of <paramref name="lesionVoxels"/> voxels, in units of one forward+backward pass
    /// on the lesion's crop (the calibration pass of the estimate).
    /// </summary>
    public abstract double CostInPasses(MethodSettings settings, int lesionVoxels);

    /// <summary>Outputs derived from the raw map, written beside it (none unless a method declares some).</summary>
    public virtual IReadOnlyList<DerivedMap> Derived => [];

    public override string ToString() => Name;
}
