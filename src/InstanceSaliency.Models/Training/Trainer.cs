using System.Diagnostics;
using InstanceSaliency.Models.Checkpoints;
using InstanceSaliency.Models.Inference;
using InstanceSaliency.Models.Networks;
using InstanceSaliency.Models.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace InstanceSaliency.Models.Training;

/// <summary>
/// The training use case (issue 5). Seeded and deterministic for a fixed thread count: LibTorch's generator is
/// seeded with <see cref="ComputeContext.Seed"/> before the network is built (MONAI/PyTorch-identical Conv3d
/// initialisation), and step s draws its patches from <see cref="TrainingRandom.ForStep"/>(seed, s). Each step:
/// <see cref="TrainingOptions.BatchSize"/> patches (<see cref="PatchSampler"/>, <see cref="SpatialAugmentation"/>),
/// <see cref="SegmentationLoss"/>, AdamW with the learning rate of <see cref="TrainingOptions.LearningRateAt"/>,
/// all inside one dispose scope. Validation by sliding-window nDSC and lesion F1 (<see cref="TrainingValidation"/>)
/// every K steps keeps the best model as <c>OUT/best.iesm</c>; a checkpoint (<see cref="TrainingCheckpoint"/>)
/// every C steps lets a killed run continue from its last checkpoint with the same results as an uninterrupted one.
/// </summary>
public sealed class Trainer(TrainingOptions options, ComputeContext context)
{
    /// <summary>File name of the best validated model in the output folder.</summary>
    public const string BestModelFile = "best.iesm";

    /// <summary>Trains into <paramref name="output"/>, resuming from its checkpoint when one exists.</summary>
    public TrainingResult Run(TrainingData data, string output, IProgress<TrainingProgress>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        options.Validate();
        context.Apply();
        Directory.CreateDirectory(output);
        var blurSigmas = BlurStatistics.Sigmas(options.Augmentation);
        var prepared = data.Train.Select(c => new PreparedCase(c, options.Augmentation.SyntheticLesionProbability > 0, blurSigmas)).ToList();
        var sampler = new PatchSampler(prepared, options);
        var loss = new SegmentationLoss(options.NdscReferenceFraction, options.FocalGamma);

        random.manual_seed(context.Seed);
        using var network = new MonaiUNet(options.Network);
        network.to(context.Device);
        using var optimizer = optim.AdamW(network.parameters(), options.LearningRate, weight_decay: options.WeightDecay);
        var state = TrainingCheckpoint.TryLoad(output, network, optimizer, context.Seed) ?? TrainingState.Fresh(context.Seed);
        var log = new TrainingLog(output, state.Step);
        string bestPath = Path.Combine(output, BestModelFile);
        network.train();

        var clock = Stopwatch.StartNew();
        double trainingSeconds = 0;
        int first = state.Step + 1, last = state.Step, saved = state.Step;
        var losses = new List<double>();
        ValidationScore? latest = null;
        for (int step = first; step <= options.Steps && !cancellation.IsCancellationRequested; step++)
        {
            var stepClock = Stopwatch.StartNew();
            double lr = options.LearningRateAt(step);
            foreach (var group in optimizer.ParamGroups) group.LearningRate = lr;
            double value = Step(network, optimizer, sampler, loss, step);
            trainingSeconds += stepClock.Elapsed.TotalSeconds;
            losses.Add(value);
            last = step;
            double elapsed = state.ElapsedSeconds + clock.Elapsed.TotalSeconds;
            log.Loss(step, value, lr, elapsed);

            bool end = step == options.Steps || step == options.StopAfterStep;
            if (data.Validation.Count > 0 && ((options.ValidationIntervalSteps > 0 && step % options.ValidationIntervalSteps == 0) || step == options.Steps))
            {
                latest = TrainingValidation.Run(network, data.Validation, options, context, step);
                log.Validation(latest);
                if (latest.Score > state.BestScore)
                {
                    state = state with { BestStep = step, BestScore = latest.Score, BestF1 = latest.F1, BestNdsc = latest.Ndsc };
                    SaveModel(network, bestPath);
                }
            }
            else if (data.Validation.Count == 0 && step == options.Steps)
            {
                state = state with { BestStep = step };
                SaveModel(network, bestPath);
            }
            state = state with { Step = step, ElapsedSeconds = state.ElapsedSeconds + clock.Elapsed.TotalSeconds };
            clock.Restart();
            if (end || step % options.CheckpointIntervalSteps == 0)
            {
                TrainingCheckpoint.Save(output, network, optimizer, state);
                saved = step;
            }
            var remaining = TimeSpan.FromSeconds(trainingSeconds / (step - first + 1) * (options.Steps - step));
            progress?.Report(new TrainingProgress(step, options.Steps, value, lr, TimeSpan.FromSeconds(state.ElapsedSeconds), remaining, latest));
            if (step == options.StopAfterStep) break;
        }
        if (last > saved) TrainingCheckpoint.Save(output, network, optimizer, state);
        var best = state.BestStep > 0 && double.IsFinite(state.BestScore) ? new ValidationScore(state.BestStep, state.BestF1, state.BestNdsc, state.BestScore, []) : null;
        return new TrainingResult(first, last, last == options.Steps, losses, best, File.Exists(bestPath) ? bestPath : null,
            TimeSpan.FromSeconds(state.ElapsedSeconds), losses.Count * options.BatchSize / Math.Max(1e-9, trainingSeconds));
    }

    double Step(MonaiUNet network, TorchSharp.Modules.AdamW optimizer, PatchSampler sampler, SegmentationLoss loss, int step)
    {
        using var scope = NewDisposeScope();
        var rng = TrainingRandom.ForStep(context.Seed, step);
        var images = new List<Tensor>();
        var labels = new List<Tensor>();
        for (int b = 0; b < options.BatchSize; b++)
        {
            var patch = sampler.Sample(rng);
            var shape = new Imaging.Geometry.GridShape(patch.Size, patch.Size, patch.Size);
            var image = NetworkLayout.ToInput([patch.Flair, patch.T1], shape, context.Device)[0];
            var label = tensor(patch.Label, [patch.Size, patch.Size, patch.Size]).permute(2, 1, 0).to(context.Device);
            var (x, y) = SpatialAugmentation.Apply(rng, image, label, options.Augmentation);
            images.Add(x);
            labels.Add(y);
        }
        optimizer.zero_grad();
        var logits = network.call(stack(images).contiguous());
        var value = loss.Compute(logits, stack(labels).contiguous());
        value.backward();
        optimizer.step();
        return value.item<float>();
    }

    void SaveModel(MonaiUNet network, string path) => ModelPackage.Save(network, options.Description(), path);
}
