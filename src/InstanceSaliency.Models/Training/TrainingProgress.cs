using InstanceSaliency.Lesions;

namespace InstanceSaliency.Models.Training;

/// <summary>Validation figures at one step: means over the validation cases of lesion-wise F1 and nDSC; score = (F1 + nDSC) / 2.</summary>
public sealed record ValidationScore(int Step, double F1, double Ndsc, double Score, IReadOnlyList<(string Case, SegmentationMetrics Metrics)> PerCase);

/// <summary>Where training is: step of steps, the step's loss and learning rate, the time so far and the estimated rest; the last validation.</summary>
public readonly record struct TrainingProgress(
    int Step, int Steps, double Loss, double LearningRate, TimeSpan Elapsed, TimeSpan? Remaining, ValidationScore? Validation);

/// <summary>
/// What a <see cref="Trainer.Run"/> call did. <see cref="Losses"/> holds the loss of every step run by this call
/// (from <see cref="FirstStep"/>); <see cref="Completed"/> is false after a cancellation or
/// <see cref="TrainingOptions.StopAfterStep"/>; <see cref="BestModelPath"/> is the best validated model (or the
/// last one when there is no validation case).
/// </summary>
public sealed record TrainingResult(
    int FirstStep, int LastStep, bool Completed, IReadOnlyList<double> Losses, ValidationScore? Best, string? BestModelPath,
    TimeSpan WallTime, double PatchesPerSecond);
