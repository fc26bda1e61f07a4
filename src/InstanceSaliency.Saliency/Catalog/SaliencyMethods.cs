using InstanceSaliency.Imaging;

namespace InstanceSaliency.Saliency.Catalog;

/// <summary>
/// The method catalog: every attribution method `ies explain`, the cohorts and the experiments can run, in output
/// order. A new method is one <see cref="SaliencyMethod"/> file plus one line in <see cref="All"/>; the conformance
/// suite (tests/…/Catalog) then runs it through every execution strategy.
/// </summary>
public static class SaliencyMethods
{
    public static readonly SaliencyMethod SmoothGrad = new SmoothGradAverageMethod();
    public static readonly SaliencyMethod SmoothGradMax = new SmoothGradMaxMethod();
    public static readonly SaliencyMethod GradCamPlusPlus = new GradCamPlusPlusMethod();

    /// <summary>Every registered method, in output order.</summary>
    public static IReadOnlyList<SaliencyMethod> All { get; } = [SmoothGrad, SmoothGradMax, GradCamPlusPlus];

    /// <summary>The contract names of <see cref="All"/>.</summary>
    public static IReadOnlyList<string> Names { get; } = All.Select(m => m.Name).ToArray();

    /// <summary>The method named <paramref name="name"/>; an <see cref="InvalidInputException"/> naming <paramref name="option"/> otherwise.</summary>
    public static SaliencyMethod Named(string name, string option = "--methods") =>
        All.FirstOrDefault(m => m.Name == name)
        ?? throw new InvalidInputException($"{option}: unknown method \"{name}\"; choose from {string.Join(", ", Names)}.");
}
