using InstanceSaliency.Models.Checkpoints;
using InstanceSaliency.Models.Inference;
using InstanceSaliency.Models.Networks;

namespace InstanceSaliency.Models.Training;

/// <summary>
/// Settings of <see cref="Trainer"/>. Defaults are the shipped model's (models/default/MODEL_CARD.md): a small U-Net
/// (channels 16…256), 4 patches of 64³ per step, half of them centred on a lesion voxel, AdamW with a cosine
/// learning-rate decay, the paper's loss, validation every 250 steps.
/// </summary>
public sealed record TrainingOptions
{
    /// <summary>The shipped model's network: the paper's U-Net with half the channels (about 2 M parameters, 8 MB).</summary>
    public static UNetSettings SmallUNet { get; } = new() { Channels = [16, 32, 64, 128, 256] };

    public UNetSettings Network { get; init; } = SmallUNet;

    /// <summary>Total optimisation steps.</summary>
    public int Steps { get; init; } = 1000;

    /// <summary>Patches per step.</summary>
    public int BatchSize { get; init; } = 4;

    /// <summary>Edge of the cubic training patch (voxels); a multiple of the network's total stride.</summary>
    public int PatchSizeVoxels { get; init; } = 64;

    /// <summary>Fraction of patches centred on a lesion voxel (MONAI RandCropByPosNegLabel pos/(pos+neg)); the rest on a random brain voxel.</summary>
    public double PositiveFraction { get; init; } = 0.5;

    /// <summary>Peak learning rate of AdamW.</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>Final learning rate as a fraction of the peak: lr(s) = lr·(f + (1 − f)·(1 + cos(π·(s−1)/S))/2).</summary>
    public double FinalLearningRateFraction { get; init; } = 0.1;

    /// <summary>AdamW decoupled weight decay.</summary>
    public double WeightDecay { get; init; } = 1e-4;

    /// <summary>nDSC loss's reference lesion fraction r (Raina et al.; method.md §3).</summary>
    public double NdscReferenceFraction { get; init; } = 0.001;

    /// <summary>Focal-loss focusing exponent γ.</summary>
    public double FocalGamma { get; init; } = 2;

    /// <summary>Validate (sliding-window segmentation of every validation case) every this many steps and at the end; 0 = only at the end.</summary>
    public int ValidationIntervalSteps { get; init; } = 250;

    /// <summary>Write the resumable checkpoint every this many steps (and at the end or on cancellation).</summary>
    public int CheckpointIntervalSteps { get; init; } = 100;

    /// <summary>Stop (with a checkpoint) after this step although <see cref="Steps"/> is larger: simulates an interruption.</summary>
    public int? StopAfterStep { get; init; }

    /// <summary>Threshold τ of the validation segmentation (method.md §3: 0.3).</summary>
    public double Threshold { get; init; } = 0.3;

    /// <summary>Sliding window of the validation (the paper's by default).</summary>
    public SlidingWindowSettings ValidationWindow { get; init; } = SlidingWindowSettings.Paper;

    public AugmentationOptions Augmentation { get; init; } = new();

    /// <summary>
    /// The model's working voxel size [i, j, k] in mm (issue 14), written into the package as <c>spacing_mm</c>:
    /// training cases of another voxel size are resampled to it and scans are segmented on it. Null = every case
    /// on its own grid and a package without <c>spacing_mm</c>. Default 1 mm isotropic, the Lesjak scans' spacing.
    /// </summary>
    public IReadOnlyList<double>? SpacingMm { get; init; } = [1, 1, 1];

    /// <summary>The model's voxel-axis convention (<c>axis_convention</c>), with <see cref="SpacingMm"/>: LAS, the Lesjak arrays' order.</summary>
    public string AxisConvention { get; init; } = "LAS";

    /// <summary>The package description of a network trained with these options (architecture, threshold, working grid).</summary>
    public ModelDescription Description() => ModelDescription.Of(Network) with
    {
        Threshold = Threshold, SpacingMm = SpacingMm, AxisConvention = SpacingMm is null ? null : AxisConvention,
    };

    /// <summary>Throws <see cref="ArgumentException"/> naming the option when the settings cannot train.</summary>
    public void Validate()
    {
        Network.Validate();
        if (Steps < 1) throw new ArgumentException($"Steps must be ≥ 1; got {Steps}.", nameof(Steps));
        if (BatchSize < 1) throw new ArgumentException($"BatchSize must be ≥ 1; got {BatchSize}.", nameof(BatchSize));
        if (PatchSizeVoxels < Network.TotalStride || PatchSizeVoxels % Network.TotalStride != 0)
            throw new ArgumentException($"PatchSizeVoxels must be a positive multiple of the network's total stride {Network.TotalStride}; got {PatchSizeVoxels}.", nameof(PatchSizeVoxels));
        if (PositiveFraction is < 0 or > 1) throw new ArgumentException($"PositiveFraction must be in [0, 1]; got {PositiveFraction}.", nameof(PositiveFraction));
        if (LearningRate <= 0) throw new ArgumentException($"LearningRate must be > 0; got {LearningRate}.", nameof(LearningRate));
        if (ValidationIntervalSteps < 0) throw new ArgumentException($"ValidationIntervalSteps must be ≥ 0; got {ValidationIntervalSteps}.", nameof(ValidationIntervalSteps));
        if (CheckpointIntervalSteps < 1) throw new ArgumentException($"CheckpointIntervalSteps must be ≥ 1; got {CheckpointIntervalSteps}.", nameof(CheckpointIntervalSteps));
        if (Threshold is <= 0 or >= 1) throw new ArgumentException($"Threshold must be in (0, 1); got {Threshold}.", nameof(Threshold));
        if (SpacingMm is { } spacing && (spacing.Count != 3 || spacing.Any(v => !(v > 0 && double.IsFinite(v)))))
            throw new ArgumentException($"SpacingMm must be three positive millimetre values; got [{string.Join(", ", spacing)}].", nameof(SpacingMm));
    }

    /// <summary>The learning rate of step <paramref name="step"/> (1-based): cosine decay from the peak to f·peak.</summary>
    public double LearningRateAt(int step)
    {
        double progress = Steps <= 1 ? 0 : (step - 1) / (double)(Steps - 1);
        double f = FinalLearningRateFraction;
        return LearningRate * (f + (1 - f) * (1 + Math.Cos(Math.PI * progress)) / 2);
    }
}
