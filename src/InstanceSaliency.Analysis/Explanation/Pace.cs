using System.Diagnostics;
using InstanceSaliency.Lesions;

namespace InstanceSaliency.Analysis.Explanation;

/// <summary>
/// Estimates the time left in an explain run. Work is counted in network passes: SmoothGrad N forward+backward
/// passes, the max aggregation N forward passes and N·|Ω| backward passes (each about a third of a
/// forward+backward on this CPU), Grad-CAM++ one. Before the first unit, the estimate comes from one timed
/// calibration pass; after it, from the pace measured so far.
/// </summary>
sealed class Pace
{
    readonly Dictionary<(int, string), double> _cost = [];
    readonly Stopwatch _clock = Stopwatch.StartNew();
    double _total, _done;
    int _units, _finished;

    public Pace(IReadOnlyList<LesionInstance> lesions, IReadOnlyList<string> methods, ExplainOptions options)
    {
        foreach (var lesion in lesions)
            foreach (string method in methods)
            {
                double cost = method switch
                {
                    SaliencyMethodNames.SmoothGrad => options.AverageSamples,
                    SaliencyMethodNames.SmoothGradMax => options.MaxSamples * (1 + 0.35 * lesion.VoxelCount),
                    _ => 1,
                };
                _cost[(lesion.Id, method)] = cost;
                _total += cost;
                _units++;
            }
    }

    public int Done => _finished;

    /// <summary>Estimated total time when one forward+backward pass takes <paramref name="secondsPerPass"/>.</summary>
    public TimeSpan Estimate(double secondsPerPass) => TimeSpan.FromSeconds(_total * secondsPerPass);
    public int Total => _units;

    public TimeSpan? Remaining => _done <= 0 ? null : TimeSpan.FromSeconds(_clock.Elapsed.TotalSeconds / _done * (_total - _done));

    public void Finish(LesionInstance lesion, string method)
    {
        _done += _cost[(lesion.Id, method)];
        _finished++;
    }
}
