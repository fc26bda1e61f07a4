namespace InstanceSaliency.Models.Checkpoints;

/// <summary>How a model file is stored (cli-contract.md, "Models").</summary>
public enum ModelFormat
{
    /// <summary>The project's own file (<c>.iesm</c>): see <see cref="ModelPackage"/>.</summary>
    Package,

    /// <summary>A PyTorch state_dict written by <c>torch.save</c> (zip) with its JSON sidecar <c>PATH.json</c>.</summary>
    StateDict,

    /// <summary>A TorchScript module (<c>.ts</c>, or <c>"format": "torchscript"</c> in the sidecar).</summary>
    TorchScript,
}
