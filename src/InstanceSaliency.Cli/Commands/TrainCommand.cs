using InstanceSaliency.Cli.Options;
using System.CommandLine;
using System.Globalization;
using InstanceSaliency.Imaging;
using InstanceSaliency.Imaging.Nifti;
using InstanceSaliency.Lesions;
using InstanceSaliency.Models.Checkpoints;
using InstanceSaliency.Models.Segmentation;
using InstanceSaliency.Models.Runtime;
using InstanceSaliency.Models.Training;
using InstanceSaliency.Pipeline.Scans;

namespace InstanceSaliency.Cli.Commands;

/// <summary>
/// `ies train (--manifest TSV | --cases DIR [--validation-case NAME]...) --out DIR [options]`: trains a U-Net
/// (issue 5), resuming from DIR/checkpoint when present; progress with ETA on standard error; DIR/best.iesm is the
/// best validated model. `ies train evaluate`: lesion F1 and nDSC of a model on one labelled scan under the site
/// shifts. The use cases are <see cref="Trainer"/> and <see cref="SiteShiftEvaluation"/>.
/// </summary>
static class TrainCommand
{
    public static Command Create(CliConsole console)
    {
        var defaults = new TrainingOptions();
        var manifest = new Option<string?>("--manifest") { Description = "TSV with columns flair, t1, mask, split (train|validation) and optionally name, brain_mask; paths relative to the " +
            "manifest." };
        var cases = new Option<string?>("--cases") { Description = "Folder of case folders holding flair.nii.gz, t1.nii.gz, mask.nii.gz (instead of --manifest)." };
        var validationCases = new Option<string[]>("--validation-case") { Description = "With --cases: a case folder name used for validation only " +
            "(repeatable).", AllowMultipleArgumentsPerToken = true };
        var output = new Option<string>("--out") { Description = "Output folder: checkpoint/, best.iesm, loss.tsv, validation.tsv.", Required = true };
        var steps = new Option<int>("--steps") { Description = "Optimisation steps.", DefaultValueFactory = _ => defaults.Steps };
        steps.Require(v => v >= 1, "≥ 1");
        var batch = new Option<int>("--batch-size") { Description = "Patches per step.", DefaultValueFactory = _ => defaults.BatchSize };
        batch.Require(v => v >= 1, "≥ 1");
        var patch = new Option<int>("--patch-size") { Description = "Edge of the cubic patch (voxels, multiple of 16).", DefaultValueFactory = _ => defaults.PatchSizeVoxels };
        patch.Require(v => v >= 16 && v % 16 == 0, "a positive multiple of 16");
        var positive = new Option<double>("--positive-fraction") { Description = "Fraction of patches centred on a lesion voxel.", DefaultValueFactory = _ => defaults.PositiveFraction };
        positive.Require(v => v is >= 0 and <= 1, "in [0, 1]");
        var lr = new Option<double>("--learning-rate") { Description = "Peak AdamW learning rate (cosine decay to 10%).", DefaultValueFactory = _ => defaults.LearningRate };
        lr.Require(v => v > 0, "> 0");
        var validateEvery = new Option<int>("--validate-every") { Description = "Validate every K steps (0: only at the end).", DefaultValueFactory = _ => defaults.ValidationIntervalSteps };
        validateEvery.Require(v => v >= 0, "≥ 0");
        var checkpointEvery = new Option<int>("--checkpoint-every") { Description = "Write the resumable checkpoint every N steps.", DefaultValueFactory = _ => defaults.CheckpointIntervalSteps };
        checkpointEvery.Require(v => v >= 1, "≥ 1");
        var channels = new Option<string>("--channels") { Description = "U-Net channels per level, comma-separated.", DefaultValueFactory = _ => string.Join(',', defaults.Network.Channels) };
        var synthetic = new Option<double>("--synthetic-lesion-probability") { Description = "Probability that a patch gets synthetic " +
            "lesions.", DefaultValueFactory = _ => defaults.Augmentation.SyntheticLesionProbability };
        synthetic.Require(v => v is >= 0 and <= 1, "in [0, 1]");
        var blurProbability = new Option<double>("--blur-probability") { Description = "Probability of a Gaussian blur augmentation per " +
            "patch.", DefaultValueFactory = _ => defaults.Augmentation.BlurProbability };
        blurProbability.Require(v => v is >= 0 and <= 1, "in [0, 1]");
        var blurMax = new Option<double>("--blur-max-mm") { Description = "Largest blur σ (mm) of the augmentation.", DefaultValueFactory = _ => defaults.Augmentation.BlurSigmaMaxMm };
        blurMax.Require(v => v >= 0.25, "≥ 0.25");
        var affineProbability = new Option<double>("--affine-probability") { Description = "Probability of a small random affine (rotation, scaling, shear) per " +
            "patch.", DefaultValueFactory = _ => defaults.Augmentation.AffineProbability };
        affineProbability.Require(v => v is >= 0 and <= 1, "in [0, 1]");
        var thickSlices = new Option<double>("--thick-slice-probability") { Description = "Probability of a simulated thick-slice acquisition per patch (5–8 mm " +
            "slabs along k, averaged and interpolated back).", DefaultValueFactory = _ => defaults.Augmentation.ThickSliceProbability };
        thickSlices.Require(v => v is >= 0 and <= 1, "in [0, 1]");
        var biasMax = new Option<double>("--bias-max") { Description = "Largest amplitude of the random bias field (fraction, e.g. 0.4 = ±40%).",
            DefaultValueFactory = _ => defaults.Augmentation.BiasAmplitudeMax };
        biasMax.Require(v => v is >= 0 and < 1, "in [0, 1)");
        var spacing = new Option<string>("--spacing-mm") { Description = "The model's working voxel size i,j,k in mm, written into the package as spacing_mm: " +
            "training scans of another size are resampled to it (\"native\": every scan on its own grid, no spacing_mm).", DefaultValueFactory = _ => "1,1,1" };
        var convention = new Option<string>("--axis-convention") { Description = "The model's voxel-axis convention with --spacing-mm (e.g. LAS, RAS).",
            DefaultValueFactory = _ => defaults.AxisConvention };
        var noAugmentation = new Option<bool>("--no-augmentation") { Description = "Turn every augmentation off (ablation)." };
        var seed = new Option<int>("--seed") { Description = "Seed of initialisation and sampling.", DefaultValueFactory = _ => 0 };
        var threads = new Option<int>("--threads") { Description = "CPU threads (fixed for determinism).", DefaultValueFactory = _ => 2 };
        threads.Require(v => v >= 1, "≥ 1");
        var device = new Option<string>("--device") { Description = "cpu or cuda.", DefaultValueFactory = _ => "cpu" };
        var command = new Command("train", "Train a lesion-segmentation U-Net (resumes from --out's checkpoint).")
        {
            manifest, cases, validationCases, output, steps, batch, patch, positive, lr, validateEvery, checkpointEvery, channels, synthetic, blurProbability, blurMax,
            affineProbability, thickSlices, biasMax, spacing, convention, noAugmentation, seed, threads, device,
        };
        command.SetAction((parsed, cancellation) =>
        {
            var augmentation = parsed.GetValue(noAugmentation)
                ? AugmentationOptions.None
                : defaults.Augmentation with
                {
                    SyntheticLesionProbability = parsed.GetValue(synthetic), BlurProbability = parsed.GetValue(blurProbability), BlurSigmaMaxMm = parsed.GetValue(blurMax),
                    AffineProbability = parsed.GetValue(affineProbability), ThickSliceProbability = parsed.GetValue(thickSlices), BiasAmplitudeMax = parsed.GetValue(biasMax),
                };
            var options = defaults with
            {
                Network = defaults.Network with { Channels = ParseChannels(parsed.GetValue(channels)!), Strides = [.. Enumerable.Repeat(2, ParseChannels(parsed.GetValue(channels)!).Count - 1)] },
                Steps = parsed.GetValue(steps), BatchSize = parsed.GetValue(batch), PatchSizeVoxels = parsed.GetValue(patch),
                PositiveFraction = parsed.GetValue(positive), LearningRate = parsed.GetValue(lr),
                ValidationIntervalSteps = parsed.GetValue(validateEvery), CheckpointIntervalSteps = parsed.GetValue(checkpointEvery),
                Augmentation = augmentation,
                SpacingMm = ParseSpacing(parsed.GetValue(spacing)!),
                AxisConvention = Imaging.Geometry.AxisConvention.Parse(parsed.GetValue(convention)!, "--axis-convention").ToString(),
            };
            var entries = (parsed.GetValue(manifest), parsed.GetValue(cases)) switch
            {
                ({ } m, null) => TrainingManifest.Read(m),
                (null, { } folderOfCases) => TrainingManifest.FromFolder(folderOfCases, parsed.GetValue(validationCases) ?? []),
                _ => throw new InvalidInputException("Give exactly one of --manifest TSV or --cases DIR."),
            };
            var context = ComputeContext.For(parsed.GetValue(device)!, parsed.GetValue(threads), parsed.GetValue(seed));
            string folder = OutputFolder.Prepare(parsed.GetValue(output)!, output.Name);
            var data = TrainingManifest.Load(entries, options.Description(), new Progress(line => console.Error.WriteLine($"train: {line}")));
            console.Warn(data.Warnings);
            console.Error.WriteLine($"train: {data.Train.Count} training case(s) [{string.Join(", ", data.Train.Select(c => c.Name))}], validation " +
                $"[{string.Join(", ", data.Validation.Select(c => c.Name))}]; {options.Steps} steps of {options.BatchSize}×{options.PatchSizeVoxels}³; seed {context.Seed}; out {folder}");
            var result = new Trainer(options, context).Run(data, folder, new StderrProgress(console.Error), cancellation);
            var c = CultureInfo.InvariantCulture;
            console.Out.WriteLine(string.Create(c,
                $"train: steps {result.FirstStep}…{result.LastStep}{(result.Completed ? "" : " (stopped; run again to resume)")}, wall time {result.WallTime.TotalMinutes:F1} min, " +
                    $"{result.PatchesPerSecond:F2} patches/s; best {(result.Best is { } b ? string.Create(c, $"step {b.Step}: F1 {b.F1:F4}, nDSC {b.Ndsc:F4}") : "n/a")} -> " +
                        $"{result.BestModelPath ?? "none"}"));
            return Task.FromResult(CommandLineApp.Success);
        });
        command.Subcommands.Add(EvaluateCommand(console));
        command.Subcommands.Add(PostprocessCommand(console));
        command.Subcommands.Add(TrainFpFilterCommand.Create(console));
        command.Subcommands.Add(BenchmarkCommand(console));
        return command;
    }

    static Command EvaluateCommand(CliConsole console)
    {
        var model = new Option<string>("--model") { Description = "Model file (.iesm, .pt + sidecar, .ts).", Required = true };
        var manifest = new Option<string?>("--manifest") { Description = "Training manifest (TSV): evaluate every scan of --split, per site, beside the FLAIR-threshold " +
            "baseline (instead of --flair/--truth)." };
        var split = new Option<string>("--split") { Description = "With --manifest: validation, train or all.", DefaultValueFactory = _ => "validation" };
        var flair = new Option<string?>("--flair") { Description = "FLAIR of a labelled scan." };
        var t1 = new Option<string?>("--t1") { Description = "T1 of that scan (on the FLAIR's grid or overlapping it in world space)." };
        var brainMask = CommonOptions.BrainMask();
        var truth = new Option<string?>("--truth") { Description = "Ground-truth lesion mask of that scan." };
        var shifts = new Option<string[]>("--shift") { Description = $"Condition(s) to evaluate (repeatable): all, or " +
            $"{string.Join(", ", SiteShift.Standard.Select(s => s.Name))} (default: all with --flair, none with --manifest).", AllowMultipleArgumentsPerToken = true };
        var thresholds = new Option<double[]>("--threshold") { Description = "Threshold(s) τ (repeatable; default the model's).", AllowMultipleArgumentsPerToken = true };
        var tta = new Option<bool>("--tta") { Description = "Flip test-time augmentation (8 flips)." };
        var threads = new Option<int>("--threads") { Description = "CPU threads.", DefaultValueFactory = _ => 2 };
        threads.Require(v => v >= 1, "≥ 1");
        var command = new Command("evaluate", "Lesion F1, nDSC, PPV, TPR of a model on labelled scans (one, or a manifest's per site), beside the FLAIR-threshold baseline, " +
            "unshifted and under simulated site shifts.")
        {
            model, manifest, split, flair, t1, brainMask, truth, shifts, thresholds, tta, threads,
        };
        command.SetAction(parsed =>
        {
            bool byManifest = parsed.GetValue(manifest) is not null;
            if (byManifest == (parsed.GetValue(flair) is not null))
                throw new InvalidInputException("Give either --manifest TSV or --flair with --t1 and --truth.");
            if (!byManifest && (parsed.GetValue(t1) is null || parsed.GetValue(truth) is null))
                throw new InvalidInputException("--flair needs --t1 and --truth.");
            var names = parsed.GetValue(shifts) is { Length: > 0 } given ? given : [byManifest ? "none" : "all"];
            var conditions = names.Contains("all") ? SiteShift.Standard : names.Select(n => SiteShift.Find(n)
                ?? throw new InvalidInputException($"--shift {n}: unknown condition; expected all or one of {string.Join(", ", SiteShift.Standard.Select(s => s.Name))}.")).ToList();
            var taus = parsed.GetValue(thresholds) is { Length: > 0 } t ? t : null;
            if (taus?.FirstOrDefault(v => !(v is > 0 and < 1)) is { } bad && bad != 0)
                throw new InvalidInputException($"--threshold {bad.ToString(CultureInfo.InvariantCulture)}: must be in (0, 1).");
            var cases = byManifest ? ManifestCases(parsed.GetValue(manifest)!, parsed.GetValue(split)!, console) : null;
            var context = ComputeContext.For("cpu", parsed.GetValue(threads));
            using var network = ModelLoader.Load(parsed.GetValue(model)!, context);
            if (cases is not null)
            {
                EvaluateManifest(console, network, cases, conditions, taus, parsed.GetValue(tta), context);
                return CommandLineApp.Success;
            }
            var scan = LoadedScan.Load(new ScanPaths(parsed.GetValue(flair)!, parsed.GetValue(t1)!, parsed.GetValue(truth)!, parsed.GetValue(brainMask)));
            console.Warn(scan.Warnings);
            var (f, tv, g) = (scan.Flair, scan.T1, scan.Truth!);
            var scores = SiteShiftEvaluation.Run(network, f, tv, g, conditions, context, taus, parsed.GetValue(tta),
                new Progress(name => console.Error.WriteLine($"evaluate: {name}")));
            var c = CultureInfo.InvariantCulture;
            console.Out.WriteLine("condition\tthreshold\tf1\tndsc\tppv\ttpr\tdice\ttp\tfp\tfn");
            foreach (var s in scores) console.Out.WriteLine(string.Create(c, $"{s.Shift.Name}\t{s.Threshold}\t{Metrics(s.Metrics)}"));
            var baseline = LesionAnalysis.Run(FlairThresholdBaseline.Segment(f), g).Metrics!;
            console.Out.WriteLine(string.Create(c, $"flair-threshold-baseline\tz>{FlairThresholdBaseline.ZThreshold}\t{Metrics(baseline)}"));
            return CommandLineApp.Success;
        });
        return command;
    }

    static string Metrics(SegmentationMetrics m) =>
        string.Create(CultureInfo.InvariantCulture, $"{m.F1 ?? 0:F4}\t{m.Ndsc:F4}\t{m.Ppv ?? 0:F4}\t{m.Tpr ?? 0:F4}\t{m.Dice:F4}\t{m.Tp}\t{m.Fp}\t{m.Fn}");

    static IReadOnlyList<TrainingCase> ManifestCases(string manifest, string split, CliConsole console)
    {
        string normalised = split.ToLowerInvariant() switch
        {
            "validation" or "val" => "validation",
            "train" or "training" => "train",
            "all" => "all",
            _ => throw new InvalidInputException($"--split {split}: expected validation, train or all."),
        };
        var entries = TrainingManifest.Read(manifest).Where(e => normalised == "all" || e.Split == normalised).ToList();
        if (entries.Count == 0) throw new InvalidInputException($"{manifest}: no case in the {normalised} split.");
        var warnings = new List<string>();
        var cases = TrainingManifest.LoadNative(entries, warnings);
        console.Warn(warnings);
        return cases;
    }

    /// <summary>
    /// Per scan and condition: the model with its own post-processing (or each --threshold) beside the baseline; then the
    /// per-site means and, for every shift, each site's drop from the unshifted mean.
    /// </summary>
    static void EvaluateManifest(CliConsole console, SegmentationModel network, IReadOnlyList<TrainingCase> cases, IReadOnlyList<SiteShift> conditions,
        double[]? taus, bool tta, ComputeContext context)
    {
        var c = CultureInfo.InvariantCulture;
        var own = ModelPostprocessing.Of(network.Description);
        if (tta) own = own with { TestTimeFlips = true };
        var postprocessings = taus is null ? [own] : taus.Select(t => own with { Threshold = t }).ToList();
        var baselines = ManifestEvaluation.Baselines(cases);
        console.Out.WriteLine("condition\tthreshold\tmin_lesion_mm3\tflips\tsite\tscan\tf1\tndsc\tppv\ttpr\tdice\ttp\tfp\tfn\tbaseline_f1\tbaseline_ndsc\tbaseline_ppv\tbaseline_tpr");
        var means = new List<(SiteShift Shift, ModelPostprocessing Post, IReadOnlyList<SiteMean> Sites)>();
        foreach (var shift in conditions)
        {
            var shifted = cases.Select(x => { var (f, t) = shift.Apply(x.Flair, x.T1); return x with { Flair = f, T1 = t }; }).ToList();
            var probabilities = ManifestEvaluation.Probabilities(network, shifted, context, postprocessings.Any(p => p.TestTimeFlips),
                new Progress(line => console.Error.WriteLine($"evaluate: {shift.Name}: {line}")));
            foreach (var post in postprocessings)
            {
                var scored = ManifestEvaluation.Score(probabilities, baselines, post);
                foreach (var s in scored)
                {
                    var b = s.Baseline;
                    console.Out.WriteLine(string.Create(c, $"{shift.Name}\t{post.Threshold}\t{post.MinLesionMm3}\t{(post.TestTimeFlips ? 8 : 1)}\t{s.Site}\t{s.Name}\t" +
                        $"{Metrics(s.Model)}\t{b.F1 ?? 0:F4}\t{b.Ndsc:F4}\t{b.Ppv ?? 0:F4}\t{b.Tpr ?? 0:F4}"));
                }
                means.Add((shift, post, ManifestEvaluation.SiteMeans(scored)));
            }
        }
        console.Out.WriteLine();
        console.Out.WriteLine("# per-site means (rates undefined on a scan count as 0); delta = the condition's mean minus the unshifted mean");
        console.Out.WriteLine("condition\tthreshold\tsite\tscans\tf1\tndsc\tppv\ttpr\tbaseline_f1\tbaseline_ndsc\tdelta_f1\tdelta_ndsc\tbeats_baseline");
        foreach (var (shift, post, sites) in means)
            foreach (var m in sites)
            {
                var reference = means.FirstOrDefault(x => x.Shift.Name == "none" && x.Post == post).Sites?.FirstOrDefault(x => x.Site == m.Site);
                string delta = reference is null ? "\t" : string.Create(c, $"{m.F1 - reference.F1:F4}\t{m.Ndsc - reference.Ndsc:F4}");
                bool beats = m.F1 > m.BaselineF1 && m.Ndsc > m.BaselineNdsc;
                console.Out.WriteLine(string.Create(c, $"{shift.Name}\t{post.Threshold}\t{(m.Site.Length > 0 ? m.Site : "-")}\t{m.Scans}\t{m.F1:F4}\t{m.Ndsc:F4}\t{m.Ppv:F4}\t{m.Tpr:F4}\t" +
                    $"{m.BaselineF1:F4}\t{m.BaselineNdsc:F4}\t{delta}\t{(beats ? "yes" : "no")}"));
            }
    }

    static Command PostprocessCommand(CliConsole console)
    {
        var model = new Option<string>("--model") { Description = "The trained package (.iesm).", Required = true };
        var manifest = new Option<string>("--manifest") { Description = "Training manifest (TSV): the post-processing is chosen on its validation scans only.", Required = true };
        var output = new Option<string>("--out") { Description = "The package to write: the same weights with the chosen threshold, min_lesion_mm3 and test_time_flips.",
            Required = true };
        var noFlips = new Option<bool>("--no-flips") { Description = "Do not try flip test-time augmentation (8× the segmentation time)." };
        var threads = new Option<int>("--threads") { Description = "CPU threads.", DefaultValueFactory = _ => 2 };
        threads.Require(v => v >= 1, "≥ 1");
        var command = new Command("postprocess", "Choose the model's post-processing (threshold, smallest lesion, flips) on the manifest's validation scans and store it in a " +
            "copy of the package.") { model, manifest, output, noFlips, threads };
        command.SetAction(parsed =>
        {
            string modelPath = parsed.GetValue(model)!;
            if (!modelPath.EndsWith(ModelPackage.Extension, StringComparison.OrdinalIgnoreCase))
                throw new InvalidInputException($"--model {modelPath}: post-processing is stored in a {ModelPackage.Extension} package; this is not one.");
            string outPath = Path.GetFullPath(parsed.GetValue(output)!);
            if (!outPath.EndsWith(ModelPackage.Extension, StringComparison.OrdinalIgnoreCase))
                throw new InvalidInputException($"--out {outPath}: the output must be a {ModelPackage.Extension} file.");
            var cases = ManifestCases(parsed.GetValue(manifest)!, "validation", console);
            var context = ComputeContext.For("cpu", parsed.GetValue(threads));
            using var network = ModelLoader.Load(modelPath, context);
            var probabilities = ManifestEvaluation.Probabilities(network, cases, context, !parsed.GetValue(noFlips),
                new Progress(line => console.Error.WriteLine($"postprocess: {line}")));
            var (best, trials) = ManifestEvaluation.Tune(probabilities, ManifestEvaluation.Baselines(cases));
            var c = CultureInfo.InvariantCulture;
            console.Out.WriteLine("threshold\tmin_lesion_mm3\tflips\tscore\t" + string.Join("\t", best.Sites.Select(s => $"{s.Site}_f1\t{s.Site}_ndsc")));
            foreach (var trial in trials)
            {
                var p = trial.Postprocessing;
                console.Out.WriteLine(string.Create(c, $"{p.Threshold}\t{p.MinLesionMm3}\t{(p.TestTimeFlips ? 8 : 1)}\t{trial.Score:F4}\t") +
                    string.Join("\t", trial.Sites.Select(s => string.Create(c, $"{s.F1:F4}\t{s.Ndsc:F4}"))));
            }
            var chosen = best.Postprocessing;
            var validation = best.ToModelValidation($"ies train postprocess on the validation split of {Path.GetFileName(parsed.GetValue(manifest)!)}");
            ModelPackage.Rewrite(modelPath, chosen.StoreIn(network.Description) with { Validation = validation }, outPath);
            console.Error.WriteLine(string.Create(c, $"postprocess: chose τ {chosen.Threshold}, min_lesion_mm3 {chosen.MinLesionMm3}, flips {(chosen.TestTimeFlips ? "on" : "off")} " +
                $"(score {best.Score:F4} on {cases.Count} validation scan(s)); wrote {outPath}"));
            return CommandLineApp.Success;
        });
        return command;
    }

    static Command BenchmarkCommand(CliConsole console)
    {
        var cases = new Option<string>("--cases") { Description = "Folder of case folders (flair.nii.gz, t1.nii.gz, mask.nii.gz); all are used.", Required = true };
        var steps = new Option<int>("--steps") { Description = "Timed steps (after 2 warm-up steps).", DefaultValueFactory = _ => 20 };
        steps.Require(v => v >= 1, "≥ 1");
        var threads = new Option<int>("--threads") { Description = "CPU threads.", DefaultValueFactory = _ => 2 };
        threads.Require(v => v >= 1, "≥ 1");
        var command = new Command("benchmark", "Training throughput (patches/s) and peak memory with the default options.") { cases, steps, threads };
        command.SetAction(parsed =>
        {
            var data = TrainingManifest.Load(TrainingManifest.FromFolder(parsed.GetValue(cases)!, []));
            var r = Benchmarks.TrainingBenchmark.Run(data.Train, new TrainingOptions(), ComputeContext.For("cpu", parsed.GetValue(threads)), parsed.GetValue(steps));
            console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"train benchmark: {r.Steps} steps of {r.BatchSize}×{r.PatchSizeVoxels}³: {r.SecondsPerStep:F3} s/step, {r.PatchesPerSecond:F2} patches/s, peak resident memory " +
                    $"{r.PeakResidentBytes / 1048576.0:F0} MiB"));
            return CommandLineApp.Success;
        });
        return command;
    }

    static IReadOnlyList<double>? ParseSpacing(string text)
    {
        if (text.Trim().Equals("native", StringComparison.OrdinalIgnoreCase)) return null;
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        var values = parts.Select(p => double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && v > 0 && double.IsFinite(v) ? v : -1).ToList();
        if (values.Count != 3 || values.Contains(-1))
            throw new InvalidInputException($"--spacing-mm {text}: expected three positive millimetre values separated by commas (e.g. 1,1,1) or native.");
        return values;
    }

    static IReadOnlyList<int> ParseChannels(string text)
    {
        var parts = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var values = parts.Select(p => int.TryParse(p, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v) && v >= 1 ? v : -1).ToList();
        if (values.Count < 2 || values.Contains(-1))
            throw new InvalidInputException($"--channels {text}: expected at least two positive integers separated by commas, e.g. 16,32,64,128,256.");
        return values;
    }

    sealed class Progress(Action<string> report) : IProgress<string>
    {
        public void Report(string value) => report(value);
    }

    sealed class StderrProgress(TextWriter error) : IProgress<TrainingProgress>
    {
        int _lastValidation;

        public void Report(TrainingProgress p)
        {
            var c = CultureInfo.InvariantCulture;
            if (p.Validation is { } v && v.Step != _lastValidation)
            {
                _lastValidation = v.Step;
                error.WriteLine(string.Create(c, $"train: validation at step {v.Step}: F1 {v.F1:F4}, nDSC {v.Ndsc:F4}, score {v.Score:F4}"));
            }
            if (p.Step % 10 == 0 || p.Step == p.Steps)
                error.WriteLine(string.Create(c,
                    $"train: step {p.Step}/{p.Steps} loss {p.Loss:F4} lr {p.LearningRate:G3} elapsed {p.Elapsed:hh\\:mm\\:ss} ETA {(p.Remaining is { } r ? r.ToString(@"hh\:mm\:ss", c) : "?")}"));
        }
    }
}
