using InstanceSaliency.Saliency.Catalog;
using InstanceSaliency.Cli.Options;
using System.CommandLine;
using System.Globalization;
using InstanceSaliency.Pipeline.Explanation;
using InstanceSaliency.Imaging;
using InstanceSaliency.Imaging.Nifti;
using InstanceSaliency.Models.Checkpoints;
using InstanceSaliency.Models.Runtime;
using InstanceSaliency.Pipeline.Demo;
using InstanceSaliency.Saliency;

namespace InstanceSaliency.Cli.Commands;

/// <summary>
/// `ies demo [--out DIR]`: the whole pipeline on the embedded sample scan (Lesjak et al. 2017, patient 26) with
/// the embedded model — segment, explain every lesion, analyse, report — then prints the report's path. Its
/// defaults keep it to a few minutes on 2 cores: SmoothGrad with the paper's 50 samples and Grad-CAM++ for every lesion. The
/// max aggregation costs one backward pass per lesion voxel per sample (the sample's ~4000 predicted lesion voxels
/// make that about half an hour per sample on a laptop CPU), so the demo leaves it to `--methods`.
/// </summary>
static class DemoCommand
{
    /// <summary>SmoothGrad samples in the demo (the paper's 50 is the default of `ies explain`).</summary>
    public const int DemoSamples = SmoothGradOptions.DefaultSamples;

    /// <summary>Max-aggregation samples in the demo: one backward pass per lesion voxel per sample.</summary>
    public const int DemoMaxSamples = 1;

    public static Command Create(CliConsole console)
    {
        var output = new Option<string>("--out") { Description = "Folder for the demo's outputs.", DefaultValueFactory = _ => "ies-demo" };
        var samples = CommonOptions.Samples("SmoothGrad noise samples.", DemoSamples);
        var samplesMax = new Option<int>("--samples-max") { Description = "Noise samples for smoothgrad-max.", DefaultValueFactory = _ => DemoMaxSamples };
        samplesMax.Require(v => v >= 1, "≥ 1");
        var seed = CommonOptions.Seed();
        var methods = CommonOptions.Methods([SaliencyMethods.SmoothGrad.Name, SaliencyMethods.GradCamPlusPlus.Name], " (smoothgrad-max is slow: one backward pass per lesion voxel per sample)");
        var command = new Command("demo", "Run the whole pipeline on the embedded sample scan (Lesjak et al. 2017, patient 26) and build the report.")
        {
            output, samples, samplesMax, seed, methods,
        };
        command.SetAction(parsed =>
        {
            var options = new ExplainOptions
            {
                Methods = CommonOptions.MethodNames(parsed.GetValue(methods)!),
                SmoothGrad = new SmoothGradOptions { Samples = parsed.GetValue(samples), Seed = parsed.GetValue(seed) },
                MaxAggregationSamples = parsed.GetValue(samplesMax),
            };
            options.Validate();
            string folder = OutputFolder.Prepare(parsed.GetValue(output)!, output.Name);
            var sample = SampleScan.Embedded();
            console.Error.WriteLine($"demo: sample scan {sample.Folder}");
            console.Error.WriteLine($"demo: {SampleScan.Citation}");
            WriteSummary(sample, folder, console);

            var context = ComputeContext.For("cpu", seed: parsed.GetValue(seed));
            using var model = ModelLoader.Load(EmbeddedModel.Resolve(null), context);
            string index = DemoPipeline.Run(sample, model, context, options, folder,
                new ExplainProgressPrinter(console.Error, "demo"), new LineProgress(console.Error, "demo"));
            console.Out.WriteLine($"Report: {index}");
            return CommandLineApp.Success;
        });
        return command;
    }

    /// <summary>The sample's facts (grids, intensities, lesion load, tensor runtime) in DIR/summary.txt.</summary>
    static void WriteSummary(SampleScan sample, string folder, CliConsole console)
    {
        var mask = NiftiFile.ReadMask(sample.Mask);
        var lines = new List<string> { "InstanceSaliency demo — sample scan", $"Scan: Lesjak et al. 2017, patient 26 ({sample.Folder})", $"Citation: {SampleScan.Citation}", "" };
        foreach (var (name, path) in new[] { ("FLAIR", sample.Flair), ("T1", sample.T1), ("expert mask", sample.Mask) })
        {
            var info = NiftiInfo.Of(path);
            lines.Add(string.Create(CultureInfo.InvariantCulture,
                $"{name,-12} {string.Join("×", info.Dims)} {info.Datatype}, {info.Orientation}, affine from {info.AffineSource}, values {info.Min:G4} … {info.Max:G4}, mean {info.Mean:G4}, " +
                    $"non-zero {info.Nonzero}"));
        }
        long lesionVoxels = mask.Voxels.Count(v => v != 0);
        lines.Add(string.Create(CultureInfo.InvariantCulture, $"Lesion load: {lesionVoxels} voxels = {lesionVoxels * mask.Geometry.VoxelVolumeMm3 / 1000:F2} mL"));
        lines.Add($"Tensor runtime: {Models.Runtime.TorchRuntime.SelfCheck()}");
        AtomicFile.WriteText(Path.Combine(folder, "summary.txt"), string.Join('\n', lines) + "\n");
        foreach (string line in lines.Skip(4)) console.Error.WriteLine($"demo: {line}");
    }
}
