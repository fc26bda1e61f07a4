using InstanceSaliency.Cli.Options;
using System.CommandLine;
using System.Globalization;
using InstanceSaliency.Imaging;
using InstanceSaliency.Imaging.Morphology;
using InstanceSaliency.Imaging.Nifti;
using InstanceSaliency.Lesions;

namespace InstanceSaliency.Cli.Commands;

/// <summary>
/// `ies lesions MASK [--truth GT] [--connectivity 6|18|26] [--min-size N] [--out LABELS] [--json]`: instances of
/// a binary mask, with TP/FP/FN and metrics against a ground truth (cli-contract.md, method.md §3).
/// </summary>
static class LesionsCommand
{
    public static Command Create(CliConsole console)
    {
        var mask = new Argument<string>("MASK") { Description = "Binary mask (voxels > 0.5 are lesion), .nii or .nii.gz." };
        var truth = new Option<string?>("--truth") { Description = "Ground-truth mask on the same grid: adds TP/FP types, missed (FN) lesions and metrics." };
        var connectivity = CommonOptions.Connectivity();
        var minSize = new Option<int>("--min-size") { Description = "Smallest component (voxels) listed as a lesion.", DefaultValueFactory = _ => LesionInstanceOptions.DefaultMinimumVoxels };
        minSize.Require(v => v >= 1, "≥ 1");
        var output = new Option<string?>("--out") { Description = "Write the label map of the lesions here (ids as listed)." };
        var missedOutput = new Option<string?>("--out-missed") { Description = "With --truth: write the missed (FN) components here (ids continue after the lesions')." };
        var json = new Option<bool>("--json") { Description = "Print one JSON document on standard output." };
        var command = new Command("lesions", "Lesion instances of a mask; TP/FP/FN and metrics against a ground truth.")
        {
            mask, truth, connectivity, minSize, output, missedOutput, json,
        };
        command.SetAction(parsed =>
        {
            string maskPath = parsed.GetValue(mask)!;
            string? truthPath = parsed.GetValue(truth);
            if (parsed.GetValue(missedOutput) is not null && truthPath is null)
                throw new InvalidInputException("--out-missed needs --truth: missed lesions are ground-truth components.");
            string? labelsOut = parsed.GetValue(output) is { } o ? OutputFolder.PrepareFile(o, output.Name) : null;
            string? missedOut = parsed.GetValue(missedOutput) is { } m ? OutputFolder.PrepareFile(m, missedOutput.Name) : null;
            var maskImage = NiftiFile.Read(maskPath);
            var maskReading = maskImage.ToMaskReading();
            var truthReading = truthPath is null ? null : NiftiFile.ReadMaskWithWarnings(truthPath);
            console.Warn(maskReading.Warnings.Concat(truthReading?.Warnings ?? []));
            var report = LesionAnalysis.Run(
                maskReading.Mask,
                truthReading?.Mask,
                new LesionInstanceOptions { Connectivity = Connectivity.FromNeighbours(parsed.GetValue(connectivity)), MinimumVoxels = parsed.GetValue(minSize) },
                maskPath, truthPath ?? "the ground truth");
            if (labelsOut is { } labelsPath)
                LabelMapFile.Write(report.Labels, report.LabelVoxelType, labelsPath, maskImage.Header);
            if (missedOut is { } missedPath && report.MissedLabels is { } missed)
                LabelMapFile.Write(missed, report.LabelVoxelType, missedPath, maskImage.Header);
            console.Out.WriteLine(parsed.GetValue(json) ? Json.Serialize(LesionsJson.From(report)) : Describe(maskPath, report));
            return CommandLineApp.Success;
        });
        return command;
    }

    static string Describe(string maskPath, LesionReport report)
    {
        var c = CultureInfo.InvariantCulture;
        var lines = new List<string> { $"{maskPath}: {report.Count} lesion(s), {report.Options.Connectivity}, min-size {report.Options.MinimumVoxels}" };
        if (report.Count + report.Missed.Count > 0)
            lines.Add($"  {"id",5}  {"type",-10} {"voxels",7} {"mm³",10}  centroid (mm)");
        foreach (var lesion in report.Lesions.Concat(report.Missed))
            lines.Add(string.Create(c,
                $"  {lesion.Id,5}  {lesion.Type.ToContractName(),-10} {lesion.VoxelCount,7} {lesion.VolumeMm3,10:F1}  ({lesion.CentroidMm.X:F1}, {lesion.CentroidMm.Y:F1}, {lesion.CentroidMm.Z:F1})"));
        if (report.Metrics is { } m)
        {
            static string N(double? v) => v is null ? "n/a" : v.Value.ToString("F4", CultureInfo.InvariantCulture);
            lines.Add(string.Create(c, $"  Dice {m.Dice:F4}, nDSC {m.Ndsc:F4}; lesions TP {m.Tp}, FP {m.Fp}, FN {m.Fn}; TPR {N(m.Tpr)}, PPV {N(m.Ppv)}, FDR {N(m.Fdr)}, F1 {N(m.F1)}"));
        }
        return string.Join(Environment.NewLine, lines);
    }
}
