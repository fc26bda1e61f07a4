using InstanceSaliency.Imaging;

namespace InstanceSaliency.Models.Checkpoints;

/// <summary>
/// The default model shipped with the tool (models/default/ in the repository, copied beside the program at build
/// time; see models/default/MODEL_CARD.md), used whenever `--model` is not given.
/// </summary>
public static class EmbeddedModel
{
    /// <summary>Where the program finds the default model.</summary>
    public static string FilePath => Path.Combine(AppContext.BaseDirectory, "models", "default", "unet.iesm");

    /// <summary>The user's model path, or the embedded model's when none was given.</summary>
    public static string Resolve(string? userPath)
    {
        if (userPath is not null) return userPath;
        if (File.Exists(FilePath)) return FilePath;
        throw new InvalidInputException(
            $"--model: no embedded default model at {FilePath}; pass --model PATH (a .iesm, a PyTorch state_dict .pt/.pth with its PATH.json sidecar, or a TorchScript .ts).");
    }
}
