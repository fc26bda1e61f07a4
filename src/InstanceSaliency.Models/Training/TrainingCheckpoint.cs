using InstanceSaliency.Imaging;
using InstanceSaliency.Models.Networks;
using TorchSharp.Modules;

namespace InstanceSaliency.Models.Training;

/// <summary>
/// The resumable checkpoint in <c>OUT/checkpoint/</c>: <c>weights.dat</c> (parameters and BatchNorm buffers,
/// TorchSharp format), <c>optimizer.dat</c> (AdamW moments and step counts) and <c>state.json</c>
/// (<see cref="TrainingState"/>). Written to <c>checkpoint.tmp/</c> and swapped in by renames, so a kill at any moment
/// leaves either the previous or the new checkpoint complete (<c>checkpoint.old/</c> is used if the swap was cut).
/// </summary>
static class TrainingCheckpoint
{
    const string Folder = "checkpoint", Temporary = "checkpoint.tmp", Old = "checkpoint.old";
    const string Weights = "weights.dat", Optimizer = "optimizer.dat", State = "state.json";

    public static void Save(string output, MonaiUNet network, OptimizerHelper optimizer, TrainingState state)
    {
        string tmp = Path.Combine(output, Temporary), current = Path.Combine(output, Folder), old = Path.Combine(output, Old);
        if (Directory.Exists(tmp)) Directory.Delete(tmp, true);
        Directory.CreateDirectory(tmp);
        network.save(Path.Combine(tmp, Weights));
        optimizer.save_state_dict(Path.Combine(tmp, Optimizer));
        File.WriteAllText(Path.Combine(tmp, State), state.ToJson());
        if (Directory.Exists(old)) Directory.Delete(old, true);
        if (Directory.Exists(current)) Directory.Move(current, old);
        Directory.Move(tmp, current);
        if (Directory.Exists(old)) Directory.Delete(old, true);
    }

    /// <summary>Loads the checkpoint of <paramref name="output"/> into the network and optimizer; null when there is none.</summary>
    public static TrainingState? TryLoad(string output, MonaiUNet network, OptimizerHelper optimizer, long seed)
    {
        string folder = Path.Combine(output, Folder);
        if (!Directory.Exists(folder)) folder = Path.Combine(output, Old);
        if (!File.Exists(Path.Combine(folder, State))) return null;
        string statePath = Path.Combine(folder, State);
        var state = TrainingState.Parse(File.ReadAllText(statePath), statePath);
        if (state.Seed != seed)
            throw new InvalidInputException(
                $"{statePath}: the checkpoint was trained with seed {state.Seed}, not {seed}; resume with --seed {state.Seed} or use a new output folder.");
        try
        {
            network.load(Path.Combine(folder, Weights));
            optimizer.load_state_dict(Path.Combine(folder, Optimizer));
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or IOException)
        {
            throw new InvalidInputException(
                $"{folder}: the checkpoint does not fit this network or optimizer ({e.Message}); resume with the options it was started with, or use a new output folder.", e);
        }
        return state with { BestScore = state.BestStep == 0 ? double.NegativeInfinity : state.BestScore };
    }
}
