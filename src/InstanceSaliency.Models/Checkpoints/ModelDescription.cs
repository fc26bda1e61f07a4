using System.Text.Json;
using System.Text.Json.Serialization;
using InstanceSaliency.Imaging;
using InstanceSaliency.Models.Networks;

namespace InstanceSaliency.Models.Checkpoints;

/// <summary>
/// The JSON sidecar <c>PATH.json</c> of a checkpoint (cli-contract.md, "Models"): the architecture and how to
/// use it. Keys other than <c>architecture</c> default to the paper's network. Property names are the JSON
/// keys in snake case (<c>num_res_units</c>, <c>cam_layer</c>).
/// </summary>
public sealed record ModelDescription
{
    /// <summary>The only architecture built here from a state_dict; other networks come as TorchScript.</summary>
    public const string MonaiUNet = "monai-unet";

    public string Architecture { get; init; } = MonaiUNet;
    public int InChannels { get; init; } = 2;
    public int OutChannels { get; init; } = 2;
    public IReadOnlyList<int> Channels { get; init; } = [32, 64, 128, 256, 512];
    public IReadOnlyList<int> Strides { get; init; } = [2, 2, 2, 2];
    public int NumResUnits { get; init; }

    /// <summary>"batch" or "instance".</summary>
    public string Norm { get; init; } = "batch";

    /// <summary>"prelu" (MONAI's UNet default; the only activation supported).</summary>
    public string Act { get; init; } = "prelu";

    /// <summary>Lesion threshold τ on p = softmax(z)[1] (method.md §3: 0.3 for the U-Net).</summary>
    public double Threshold { get; init; } = 0.3;

    /// <summary>Module whose output Grad-CAM++ explains (method.md §6).</summary>
    public string CamLayer { get; init; } = "model.1.submodule.2.conv";

    /// <summary>Input channel order.</summary>
    public IReadOnlyList<string> Modalities { get; init; } = ["flair", "t1"];

    /// <summary>
    /// The voxel size [i, j, k] in mm the model was trained at, along the axes of <see cref="AxisConvention"/>; null
    /// (absent) = the network runs on each scan's own grid. A scan of another voxel size is reoriented to the
    /// convention (exact), resampled to this spacing for the network and its probabilities brought back to the
    /// FLAIR's grid (<see cref="Inference.ModelWorkingGrid"/>).
    /// </summary>
    public IReadOnlyList<double>? SpacingMm { get; init; }

    /// <summary>
    /// The voxel-axis convention the model was trained in (three letters, e.g. "RAS", "LAS"); only read with
    /// <see cref="SpacingMm"/>. Absent = "RAS" (MONAI's <c>Orientation</c> default).
    /// </summary>
    public string? AxisConvention { get; init; }

    /// <summary>The convention used when <see cref="SpacingMm"/> is given without <see cref="AxisConvention"/>.</summary>
    public const string DefaultAxisConvention = "RAS";

    /// <summary>
    /// Post-processing that belongs to the model (issue 15), chosen on its validation scans: predicted components
    /// smaller than this many mm³ (world volume, 18-connected, on the FLAIR's grid) are removed from the mask.
    /// Absent = none removed.
    /// </summary>
    public double? MinLesionMm3 { get; init; }

    /// <summary>Post-processing that belongs to the model: true = flip test-time augmentation (8 flips) whenever it segments. Absent = off.</summary>
    public bool? TestTimeFlips { get; init; }

    /// <summary>
    /// How the model did on its validation scans with its post-processing (written by <c>ies train postprocess</c>),
    /// so that run.json and the report can state it; absent in packages without one.
    /// </summary>
    public ModelValidation? Validation { get; init; }

    /// <summary>
    /// The model's false-positive filter (issue 17; <c>ies segment --fp-filter</c>, written by <c>ies train fp-filter</c>);
    /// absent in packages without one, which load as before.
    /// </summary>
    public FalsePositiveFilter? FpFilter { get; init; }

    /// <summary>"torchscript" marks a TorchScript file whatever its extension; null otherwise.</summary>
    public string? Format { get; init; }

    static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Reads and checks a sidecar; errors name the file and the key.</summary>
    public static ModelDescription Read(string path)
    {
        ModelDescription? description;
        try { description = JsonSerializer.Deserialize<ModelDescription>(File.ReadAllText(path), Options); }
        catch (JsonException e) { throw new InvalidInputException($"{path}: not a valid model sidecar ({e.Message}).", e); }
        if (description is null) throw new InvalidInputException($"{path}: the sidecar is empty (null).");
        description.Check(path);
        return description;
    }

    /// <summary>Parses sidecar JSON text (for the project's own format).</summary>
    public static ModelDescription Parse(string json, string source)
    {
        ModelDescription? description;
        try { description = JsonSerializer.Deserialize<ModelDescription>(json, Options); }
        catch (JsonException e) { throw new InvalidInputException($"{source}: not a valid model description ({e.Message}).", e); }
        (description ?? throw new InvalidInputException($"{source}: the model description is empty.")).Check(source);
        return description;
    }

    /// <summary>The description as sidecar JSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Options);

    /// <summary>The U-Net these keys describe.</summary>
    public UNetSettings ToUNetSettings() => new()
    {
        InChannels = InChannels,
        OutChannels = OutChannels,
        Channels = Channels,
        Strides = Strides,
        NumResUnits = NumResUnits,
        Norm = Norm == "instance" ? NormKind.Instance : NormKind.Batch,
    };

    /// <summary>A description of <paramref name="settings"/> with the other keys at their defaults.</summary>
    public static ModelDescription Of(UNetSettings settings) => new()
    {
        InChannels = settings.InChannels,
        OutChannels = settings.OutChannels,
        Channels = settings.Channels,
        Strides = settings.Strides,
        NumResUnits = settings.NumResUnits,
        Norm = settings.Norm == NormKind.Instance ? "instance" : "batch",
    };

    void Check(string source)
    {
        if (Threshold is <= 0 or >= 1 || double.IsNaN(Threshold))
            throw new InvalidInputException($"{source}: threshold must be in (0, 1); got {Threshold}.");
        if (Modalities.Count != InChannels)
            throw new InvalidInputException($"{source}: modalities lists {Modalities.Count} channels but in_channels is {InChannels}.");
        if (OutChannels < 2)
            throw new InvalidInputException($"{source}: out_channels must be ≥ 2 (channel 1 is the lesion class); got {OutChannels}.");
        CheckWorkingGrid(source);
        if (MinLesionMm3 is { } minimum && !(minimum >= 0 && double.IsFinite(minimum)))
            throw new InvalidInputException($"{source}: min_lesion_mm3 must be a volume ≥ 0 in mm³; got {minimum}.");
        FpFilter?.Check(source);
        if (Format is "torchscript") return;
        if (Architecture != MonaiUNet)
            throw new InvalidInputException(
                $"{source}: architecture \"{Architecture}\" cannot be built from a state_dict; only \"{MonaiUNet}\" can. Export other networks as TorchScript (torch.jit.trace/script) and pass the " +
                    $".ts file.");
        if (Norm is not ("batch" or "instance"))
            throw new InvalidInputException($"{source}: norm must be \"batch\" or \"instance\"; got \"{Norm}\".");
        if (Act != "prelu")
            throw new InvalidInputException($"{source}: act must be \"prelu\" (MONAI's UNet default); got \"{Act}\".");
        try { ToUNetSettings().Validate(); }
        catch (ArgumentException e) { throw new InvalidInputException($"{source}: {e.Message}", e); }
    }

    void CheckWorkingGrid(string source)
    {
        if (SpacingMm is { } spacing && (spacing.Count != 3 || spacing.Any(s => !(s > 0 && double.IsFinite(s)))))
            throw new InvalidInputException(
                $"{source}: spacing_mm must be three positive voxel sizes in mm along i, j, k (e.g. [1, 1, 1]); got [{string.Join(", ", spacing)}].");
        if (AxisConvention is { } codes) Imaging.Geometry.AxisConvention.Parse(codes, $"{source}: axis_convention");
    }
}

/// <summary>A model's validation figures (package key <c>validation</c>): per site and per scan, beside the FLAIR-threshold baseline.</summary>
/// <param name="Source">Where the figures come from (command and manifest).</param>
/// <param name="Sites">Per-site means.</param>
/// <param name="Scans">Per-scan figures.</param>
public sealed record ModelValidation(string Source, IReadOnlyList<ValidationSite> Sites, IReadOnlyList<ValidationScan> Scans);

/// <summary>One site's mean lesion F1 and nDSC over its validation scans, and the baseline's.</summary>
public sealed record ValidationSite(string Site, int Scans, double F1, double Ndsc, double BaselineF1, double BaselineNdsc);

/// <summary>One validation scan's lesion F1 and nDSC, and the baseline's.</summary>
public sealed record ValidationScan(string Scan, string Site, double F1, double Ndsc, double BaselineF1, double BaselineNdsc);
