using InstanceSaliency.Cli.Options;
using System.CommandLine;
using System.Globalization;
using InstanceSaliency.Imaging;
using InstanceSaliency.Imaging.Nifti;
using InstanceSaliency.Imaging.Morphology;
using InstanceSaliency.Pipeline.Scans;
using InstanceSaliency.Pipeline.FalsePositives;
using InstanceSaliency.Lesions;
using InstanceSaliency.Models.Checkpoints;
using InstanceSaliency.Models.Inference;
using InstanceSaliency.Models.Runtime;
using InstanceSaliency.Models.Segmentation;

namespace InstanceSaliency.Cli.Commands;

/// <summary>
/// `ies segment --flair F --t1 T [--model M] [--threshold τ] [--device cpu|cuda] [--fp-filter] --out DIR` (cli-contract.md): writes
/// DIR/probability.nii.gz (float32), DIR/mask.nii.gz (uint8) and DIR/labels.nii.gz (18-connected instances,
/// ids in first-voxel order) on the FLAIR's grid; progress on standard error.
/// </summary>
static class SegmentCommand
{
    public static Command Create(CliConsole console)
    {
        var flair = new Option<string>("--flair") { Description = "FLAIR image (.nii/.nii.gz), skull-stripped or with --brain-mask; outputs lie on its grid.", Required = true };
        var t1 = CommonOptions.T1();
        var brainMask = CommonOptions.BrainMask();
        var model = new Option<string?>("--model") { Description = "Model: .iesm, PyTorch state_dict .pt/.pth with PATH.json, or TorchScript .ts (default: the embedded model)." };
        var threshold = new Option<double?>("--threshold") { Description = "Lesion threshold τ on the probability (default: the model's threshold; 0.2 for the shipped model)." };
        var device = new Option<string>("--device") { Description = "cpu or cuda.", DefaultValueFactory = _ => "cpu" };
        var output = new Option<string>("--out") { Description = "Output folder (created if missing).", Required = true };
        var tta = new Option<bool>("--tta") { Description = "Flip test-time augmentation: average the probability over the 8 flips of the three axes (8× the time; on " +
            "by default when the model's package says test_time_flips)." };
        var noTta = new Option<bool>("--no-tta") { Description = "No flip test-time augmentation, even when the model's package says test_time_flips (one pass)." };
        var minimum = new Option<double?>("--min-lesion-mm3") { Description = "Remove predicted lesions smaller than this (mm³) from the mask (default: the model's " +
            "min_lesion_mm3, else 0)." };
        var connectivity = CommonOptions.Connectivity();
        var fpFilter = new Option<bool>("--fp-filter") { Description = "Apply the model's false-positive filter (its package's fp_filter; make one with `ies train fp-filter`): " +
            "drop the lesions it flags from mask and labels (probability unchanged) and write fp_filter.tsv." };
        var command = new Command("segment", "Lesion probability, mask and instance labels of one scan.")
        {
            flair, t1, brainMask, model, threshold, device, output, tta, noTta, minimum, connectivity, fpFilter,
        };
        command.SetAction(parsed =>
        {
            string flairPath = parsed.GetValue(flair)!, t1Path = parsed.GetValue(t1)!, folder = parsed.GetValue(output)!;
            double? tau = parsed.GetValue(threshold);
            if (tau is { } t && (double.IsNaN(t) || t <= 0 || t >= 1))
                throw new InvalidInputException($"--threshold {t.ToString(CultureInfo.InvariantCulture)}: must be in (0, 1).");
            if (parsed.GetValue(tta) && parsed.GetValue(noTta)) throw new InvalidInputException("--tta and --no-tta: give one of them, not both.");
            if (parsed.GetValue(minimum) is { } least && !(least >= 0 && double.IsFinite(least)))
                throw new InvalidInputException($"--min-lesion-mm3 {least.ToString(CultureInfo.InvariantCulture)}: must be a volume ≥ 0.");
            folder = OutputFolder.Prepare(folder, output.Name);
            var context = ComputeContext.For(parsed.GetValue(device)!);
            string modelPath = EmbeddedModel.Resolve(parsed.GetValue(model));

            var scan = LoadedScan.Load(new ScanPaths(flairPath, t1Path, null, parsed.GetValue(brainMask)));
            var (flairVolume, t1Volume, header) = (scan.Flair, scan.T1, scan.FlairImage.Header);
            using var network = ModelLoader.Load(modelPath, context);
            // Before any long work: a model without a filter is one error line.
            var filter = parsed.GetValue(fpFilter) ? FilterVerdicts.Require(network) : null;
            var clock = System.Diagnostics.Stopwatch.StartNew();
            // Progress starts only once the inputs passed their checks: bad input prints one error line and nothing else.
            var segmenter = new Segmenter(network, context);
            // Warnings and the working grid are printed once the segmenter's own input checks passed (its first progress report).
            var notes = scan.Warnings.Select(w => $"warning: {w}").ToList();
            if (ModelWorkingGrid.For(network.Description, flairVolume.Geometry, flairPath) is { } grid)
                notes.Add($"segment: the model works at {string.Join("×", network.Description.SpacingMm!)} mm {network.Description.AxisConvention ?? ModelDescription.DefaultAxisConvention}: "
                    + $"the {flairVolume.Shape} scan is resampled onto a {grid.Working.Shape} working grid for the network and its probabilities back onto the FLAIR's grid (trilinear, through the " +
                        $"affines).");
            // The model's own post-processing (issue 15), each part overridable on the command line.
            var post = ModelPostprocessing.Of(network.Description);
            post = post with
            {
                Threshold = tau ?? post.Threshold, MinLesionMm3 = parsed.GetValue(minimum) ?? post.MinLesionMm3,
                TestTimeFlips = parsed.GetValue(tta) || (post.TestTimeFlips && !parsed.GetValue(noTta)),
            };
            if (post.TestTimeFlips && !parsed.GetValue(tta)) notes.Add("segment: flip test-time augmentation (the model's test_time_flips): 8 segmentations.");
            var progress = new StderrProgress(console.Error, notes.Append($"segment: {flairVolume.Shape} scan, model {modelPath} ({network.Format})"));
            var result = post.Segment(segmenter, flairVolume, t1Volume, progress, flairPath, t1Path);
            var instances = new LesionInstanceOptions { Connectivity = Connectivity.FromNeighbours(parsed.GetValue(connectivity)) };
            var lesions = LesionExtraction.Extract(result.Mask, instances);
            double segmentSeconds = clock.Elapsed.TotalSeconds;
            FilterOutcome? filtered = null;
            if (filter is not null)
            {
                var predicted = LesionAnalysis.Run(result.Mask, null, instances);
                filtered = FilterVerdicts.Run(network, context, filter, result, predicted, flairVolume, t1Volume, flairPath);
                result = result with { Mask = FilterVerdicts.Drop(result.Mask, filtered.Flagged) };
                lesions = LesionExtraction.Extract(result.Mask, instances);
            }

            Directory.CreateDirectory(folder);
            NiftiFile.Write(result.Probability, Path.Combine(folder, "probability.nii.gz"), header);
            NiftiFile.Write(result.Mask, Path.Combine(folder, "mask.nii.gz"), header);
            LabelMapFile.Write(lesions.Labels, LabelMaps.NarrowestType(lesions.Lesions.Count), Path.Combine(folder, "labels.nii.gz"), header);
            if (filtered is not null)
            {
                FilterTableFile.Write(Path.Combine(folder, FilterTableFile.Name), filtered, lesions.Lesions);
                int n = filtered.Features.Lesions.Count;
                console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"segment: fp-filter: {n} predicted lesion(s), {filtered.Flagged.Count} flagged (P(FP) ≥ {filter!.Threshold:G6}) and dropped, {lesions.Lesions.Count} kept; " +
                        $"time: segmentation {segmentSeconds:F1} s, filter features ({string.Join(",", filter.Saliency.Methods.DefaultIfEmpty("no saliency"))}) {filtered.FeatureSeconds:F1} s " +
                            $"({(n == 0 ? 0 : filtered.FeatureSeconds / n):F2} s per lesion), total {clock.Elapsed.TotalSeconds:F1} s; table {FilterTableFile.Name}"));
            }
            console.Error.WriteLine(
                $"segment: τ = {result.Threshold.ToString(CultureInfo.InvariantCulture)}" +
                    (post.MinLesionMm3 > 0 ? $", lesions ≥ {post.MinLesionMm3.ToString(CultureInfo.InvariantCulture)} mm³" : "") +
                    $", {result.Mask.Voxels.Count(v => v != 0)} lesion voxels, {lesions.Lesions.Count} lesions; wrote {folder}");
            return CommandLineApp.Success;
        });
        return command;
    }

    /// <summary>Prints the start lines (warnings, the working grid) once, at the first pass's preprocessing (test-time flips make 8 passes), then window progress.</summary>
    sealed class StderrProgress(TextWriter error, IEnumerable<string> start) : IProgress<SegmentationProgress>
    {
        bool _started;

        public void Report(SegmentationProgress value)
        {
            if (value.Stage == "preprocessing" && !_started)
            {
                _started = true;
                foreach (string line in start) error.WriteLine(line);
            }
            if (value.Stage == "windows") error.WriteLine($"segment: windows {value.Done}/{value.Total}");
        }
    }
}
