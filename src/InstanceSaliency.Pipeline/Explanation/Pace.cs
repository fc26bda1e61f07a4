using InstanceSaliency.Saliency.Catalog;
using System.Diagnostics;
using InstanceSaliency.Lesions;

namespace InstanceSaliency.Pipeline.Explanation;

/// <summary>
/// Estimates the time left in an explain run. Work is counted in network passes, as each catalog method declares
/// them (<see cref="SaliencyMethod.CostInPasses"/>). Before the first unit, the estimate comes from one timed
/// calibration pass; after it, from the pace measured so far.
/// </summary>
sealed class Pace
{
    readonly Dictionary<(int, string), double> _cost = [];
    readonly Stopwatch _clock = Stopwatch.StartNew();
    double _total, _done;
    int _units, _finished;

    public Pace(IReadOnlyList<LesionInstance> lesions, IReadOnlyList<SaliencyMethod> methods, MethodSettings settings)
    {
        foreach (var lesion in lesions)
            foreach (var method in methods)
            {
                double cost = method.CostInPasses(settings, lesion.VoxelCount);
                _cost[(lesion.Id, method.Name)] = cost;
                _total += cost;
                _units++;
            }
    }

    public int Done => _finished;

    /// <summary>Estimated total time when one forward+backward pass takes <paramref name="secondsPerPass"/>.</summary>
    public TimeSpan Estimate(double secondsPerPass) => TimeSpan.FromSeconds(_total * secondsPerPass);
    public int Total => _units;

    public TimeSpan? Remaining => _done <= 0 ? null : TimeSpan.FromSeconds(_clock.Elapsed.TotalSeconds / _done * (_total - _done));

    public void Finish(LesionInstance lesion, SaliencyMethod method)
    {
        _done += _cost[(lesion.Id, method.Name)];
        _finished++;
    }
}
