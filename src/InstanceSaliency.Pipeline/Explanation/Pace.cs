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
    readonly int _maxSamples;
    double _total, _done, _unitStart;
    int _units, _finished;

    public Pace(IReadOnlyList<LesionInstance> lesions, IReadOnlyList<SaliencyMethod> methods, MethodSettings settings)
    {
        _maxSamples = SmoothGradMaxMethod.Samples(settings);
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

    /// <summary>Exact Jacobian rows per second of the last smoothgrad-max unit (|Ω| rows per sample); null before one finished.</summary>
    public double? RowsPerSecond { get; private set; }

    /// <summary>Marks the start of a unit (its rows per second are timed from here).</summary>
    public void Start() => _unitStart = _clock.Elapsed.TotalSeconds;

    public void Finish(LesionInstance lesion, SaliencyMethod method)
    {
        double seconds = _clock.Elapsed.TotalSeconds - _unitStart;
        if (method.Name == SaliencyMethods.SmoothGradMax.Name && seconds > 0) RowsPerSecond = (double)lesion.VoxelCount * _maxSamples / seconds;
        _done += _cost[(lesion.Id, method.Name)];
        _finished++;
    }
}
