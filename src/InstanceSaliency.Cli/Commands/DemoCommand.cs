using System.CommandLine;
using System.Globalization;
using InstanceSaliency.Imaging;
using InstanceSaliency.Imaging.Nifti;
using InstanceSaliency.Models.Runtime;

namespace InstanceSaliency.Cli.Commands;

/// <summary>
/// `ies demo [--out DIR]`: the pipeline on the embedded sample scan. What exists so far: reading the scan,
/// checking its grids agree, summarising it and the expert mask, and checking the tensor runtime.
/// </summary>
static class DemoCommand
{
    public static Command Create(CliConsole console)
    {
        var output = new Option<string>("--out") { Description = "Folder for the demo's outputs.", DefaultValueFactory = _ => "ies-demo" };
        var command = new Command("demo", "Run the pipeline on the embedded sample scan (Lesjak et al. 2017, patient 26).") { output };
        command.SetAction(parsed =>
        {
            string folder = Path.GetFullPath(parsed.GetValue(output)!);
            Directory.CreateDirectory(folder);
            var sample = SampleScan.Embedded();
            console.Error.WriteLine($"Sample scan: {sample.Folder}");
            console.Error.WriteLine($"  {SampleScan.Citation}");
            var flair = NiftiFile.ReadVolume(sample.Flair);
            var t1 = NiftiFile.ReadVolume(sample.T1);
            var mask = NiftiFile.ReadMask(sample.Mask);
            flair.RequireSameGrid(t1, sample.Flair, sample.T1);
            flair.RequireSameGrid(mask, sample.Flair, sample.Mask);
            var lines = new List<string>
            {
                "InstanceSaliency demo — sample scan summary",
                $"Scan: Lesjak et al. 2017, patient 26 ({sample.Folder})",
                $"Citation: {SampleScan.Citation}",
                "",
            };
            foreach (var (name, path) in new[] { ("FLAIR", sample.Flair), ("T1", sample.T1), ("expert mask", sample.Mask) })
            {
                var info = NiftiInfo.Of(path);
                lines.Add(string.Create(CultureInfo.InvariantCulture,
                    $"{name,-12} {string.Join("×", info.Dims)} {info.Datatype}, {info.Orientation}, affine from {info.AffineSource}, values {info.Min:G4} … {info.Max:G4}, mean {info.Mean:G4}, non-zero {info.Nonzero}"));
            }
            long lesionVoxels = mask.Voxels.Count(v => v != 0);
            lines.Add(string.Create(CultureInfo.InvariantCulture,
                $"Lesion load: {lesionVoxels} voxels = {lesionVoxels * mask.Geometry.VoxelVolumeMm3 / 1000:F2} mL"));
            lines.Add($"Tensor runtime: {TorchRuntime.SelfCheck()}");
            string summary = Path.Combine(folder, "summary.txt");
            AtomicFile.WriteText(summary, string.Join('\n', lines) + "\n");
            foreach (string line in lines) console.Out.WriteLine(line);
            console.Out.WriteLine();
            console.Out.WriteLine($"Summary written to {summary}");
            return CommandLineApp.Success;
        });
        return command;
    }
}
