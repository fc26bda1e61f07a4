using System.CommandLine;
using InstanceSaliency.Imaging;
using InstanceSaliency.Lesions;
using InstanceSaliency.Models.Checkpoints;
using InstanceSaliency.Models.Runtime;
using InstanceSaliency.Pipeline.Scans;

namespace InstanceSaliency.Cli.Options;

/// <summary>
/// The options that name a scan and what to run it with — the files, the model, the output folder, the device —
/// and, for the experiment commands (`ies context`, `ies synth`, `ies sanity`), the threshold, the lesions to study
/// and the seed. Parsing only.
/// </summary>
sealed class ScanInputOptions(string truthEffect = "types lesions TP/FP and adds missed (FN) ones")
{
    public readonly Option<string> Flair = CommonOptions.Flair();
    public readonly Option<string> T1 = CommonOptions.T1();
    public readonly Option<string?> Truth = CommonOptions.Truth(truthEffect);
    public readonly Option<string?> BrainMask = CommonOptions.BrainMask();
    public readonly Option<string?> Model = CommonOptions.Model();
    public readonly Option<string> Output = CommonOptions.Output();
    public readonly Option<double?> Threshold = CommonOptions.Threshold();
    public readonly Option<int> MinimumSize = CommonOptions.MinimumSize("studied");
    public readonly Option<int> Connectivity = CommonOptions.Connectivity();
    public readonly Option<string?> Lesions = CommonOptions.Lesions();
    public readonly Option<int?> MaximumLesions = new("--max-lesions") { Description = "At most this many lesions (the first in id order)." };
    public readonly Option<long> Seed = CommonOptions.Seed();
    public readonly Option<string> Device = CommonOptions.Device();

    /// <summary>Adds the scan's files, the model and the output folder to <paramref name="command"/>.</summary>
    public void AddFilesTo(Command command)
    {
        foreach (Option option in new Option[] { Flair, T1, BrainMask, Truth, Model, Output }) command.Options.Add(option);
    }

    /// <summary>Adds every option of an experiment command; <paramref name="lesionChoice"/> false leaves out --lesions/--max-lesions.</summary>
    public void AddTo(Command command, bool lesionChoice = true)
    {
        AddFilesTo(command);
        foreach (Option option in new Option[] { Threshold, MinimumSize, Connectivity, Seed, Device }) command.Options.Add(option);
        if (lesionChoice) { command.Options.Add(Lesions); command.Options.Add(MaximumLesions); }
    }

    /// <summary>Checks and claims --out (<see cref="OutputFolder.Prepare"/>) before any work; returns the folder.</summary>
    public string PrepareOutput(ParseResult parsed) => OutputFolder.Prepare(parsed.GetValue(Output)!, Output.Name);

    /// <summary>The scan's files, each checked to exist and be a file (<see cref="InputFile"/>) before anything reads or hashes it.</summary>
    public ScanPaths Paths(ParseResult parsed) => new(
        InputFile.Require(parsed.GetValue(Flair)!, Flair.Name),
        InputFile.Require(parsed.GetValue(T1)!, T1.Name),
        parsed.GetValue(Truth) is { } truth ? InputFile.Require(truth, Truth.Name) : null,
        parsed.GetValue(BrainMask) is { } mask ? InputFile.Require(mask, BrainMask.Name) : null);


    /// <summary>The lesion neighbourhood of --connectivity.</summary>
    public Imaging.Morphology.Connectivity LesionConnectivity(ParseResult parsed) => Imaging.Morphology.Connectivity.FromNeighbours(parsed.GetValue(Connectivity));

    public ComputeContext Context(ParseResult parsed) => ComputeContext.For(parsed.GetValue(Device)!, seed: parsed.GetValue(Seed));

    public SegmentationModel LoadModel(ParseResult parsed, ComputeContext context) => ModelLoader.Load(EmbeddedModel.Resolve(parsed.GetValue(Model)), context);

    public IReadOnlySet<int>? LesionIds(ParseResult parsed) => ParseIds(parsed.GetValue(Lesions));

    /// <summary>A --lesions list (<see cref="LesionIdList"/>); null when the option is absent.</summary>
    public static IReadOnlySet<int>? ParseIds(string? text) => LesionIdList.Parse(text, "--lesions");
}
