using System.Text.Json;

namespace InstanceSaliency.Models.Training;

/// <summary>
/// The scalar part of a checkpoint (<c>state.json</c>): the last completed step, the seed the run was started with,
/// the best validation so far and the wall time spent. The sampler's random state needs no saving: it is a function
/// of (seed, step) (<see cref="TrainingRandom"/>).
/// </summary>
public sealed record TrainingState(int Step, long Seed, int BestStep, double BestScore, double BestF1, double BestNdsc, double ElapsedSeconds)
{
    static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public static TrainingState Fresh(long seed) => new(0, seed, 0, double.NegativeInfinity, 0, 0, 0);

    public string ToJson() => JsonSerializer.Serialize(this with { BestScore = double.IsFinite(BestScore) ? BestScore : -1 }, Json);

    public static TrainingState Parse(string json, string source) =>
        JsonSerializer.Deserialize<TrainingState>(json) ?? throw new Imaging.InvalidInputException($"{source}: empty training state.");
}
