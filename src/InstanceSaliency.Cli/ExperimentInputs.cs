using System.CommandLine;
using InstanceSaliency.Analysis.Experiments;
using InstanceSaliency.Lesions;
using InstanceSaliency.Models.Checkpoints;
using InstanceSaliency.Models.Runtime;

namespace InstanceSaliency.Cli;

/// <summary>
/// The options every experiment command (`ies context`, `ies synth`, `ies sanity`) shares: the scan, the model,
/// the output folder, the threshold, the lesions to study, the seed and the device. Parsing only.
/// </summary>
sealed class ExperimentInputs
{
    public readonly Option<string> Flair = new("--flair") { Description = "FLAIR image (.nii/.nii.gz), skull-stripped.", Required = true };
    public readonly Option<string> T1 = new("--t1") { Description = "T1 image on the FLAIR's grid.", Required = true };
    public readonly Option<string?> Truth = new("--truth") { Description = "Ground-truth mask: types lesions TP/FP and adds missed (FN) ones." };
    public readonly Option<string?> Model = new("--model") { Description = "Model file (default: the embedded model)." };
    public readonly Option<string> Output = new("--out") { Description = "Output folder.", Required = true };
    public readonly Option<double?> Threshold = new("--threshold") { Description = "Lesion threshold τ (default: the model's)." };
    public readonly Option<int> MinimumSize = new Option<int>("--min-size") { Description = "Smallest lesion studied, in voxels.", DefaultValueFactory = _ => 6 }.Require(v => v >= 1, "≥ 1");
    public readonly Option<string?> Lesions = new("--lesions") { Description = "Only these lesion ids, comma-separated." };
    public readonly Option<int?> MaximumLesions = new("--max-lesions") { Description = "At most this many lesions (the first in id order)." };
    public readonly Option<long> Seed = new("--seed") { Description = "Seed of every random choice (same inputs and seed give the same bytes).", DefaultValueFactory = _ => 0 };
    public readonly Option<string> Device = new Option<string>("--device") { Description = "cpu or cuda.", DefaultValueFactory = _ => "cpu" };

    /// <summary>Adds every shared option to <paramref name="command"/>; <paramref name="lesionChoice"/> false leaves out --lesions/--max-lesions.</summary>
    public void AddTo(Command command, bool lesionChoice = true)
    {
        foreach (Option option in new Option[] { Flair, T1, Truth, Model, Output, Threshold, MinimumSize, Seed, Device }) command.Options.Add(option);
        if (lesionChoice) { command.Options.Add(Lesions); command.Options.Add(MaximumLesions); }
    }

    public ExperimentScan.Paths Paths(ParseResult parsed) => new(parsed.GetValue(Flair)!, parsed.GetValue(T1)!, parsed.GetValue(Truth));

    public ComputeContext Context(ParseResult parsed) => ComputeContext.For(parsed.GetValue(Device)!, seed: parsed.GetValue(Seed));

    public SegmentationModel LoadModel(ParseResult parsed, ComputeContext context) => ModelLoader.Load(EmbeddedModel.Resolve(parsed.GetValue(Model)), context);

    public IReadOnlySet<int>? LesionIds(ParseResult parsed) => LesionIdList.Parse(parsed.GetValue(Lesions), "--lesions");
}
