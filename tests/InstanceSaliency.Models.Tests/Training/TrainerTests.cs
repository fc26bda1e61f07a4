using InstanceSaliency.Models.Checkpoints;
using InstanceSaliency.Models.Networks;
using InstanceSaliency.Models.Training;
using InstanceSaliency.TestSupport;
using TorchSharp;

namespace InstanceSaliency.Models.Tests.Training;

// One collection: LibTorch's thread count is process-wide, and these tests fix it.
[Collection(nameof(TrainerTests))]
public sealed class TrainerTests
{
    [Fact]
    public void Same_seed_gives_the_same_loss_curve_twice()
    {
        using var a = new TemporaryDirectory();
        using var b = new TemporaryDirectory();
        var first = new Trainer(TrainingFixtures.TinyOptions(5), TrainingFixtures.Context()).Run(TrainingFixtures.TinyData(), a.Path);
        var second = new Trainer(TrainingFixtures.TinyOptions(5), TrainingFixtures.Context()).Run(TrainingFixtures.TinyData(), b.Path);
        Assert.Equal(5, first.Losses.Count);
        Assert.Equal(first.Losses, second.Losses);
        Assert.All(first.Losses, l => Assert.True(double.IsFinite(l) && l > 0));
    }

    [Fact]
    public void Another_seed_gives_another_loss_curve()
    {
        using var a = new TemporaryDirectory();
        using var b = new TemporaryDirectory();
        var first = new Trainer(TrainingFixtures.TinyOptions(2), TrainingFixtures.Context(1)).Run(TrainingFixtures.TinyData(), a.Path);
        var second = new Trainer(TrainingFixtures.TinyOptions(2), TrainingFixtures.Context(2)).Run(TrainingFixtures.TinyData(), b.Path);
        Assert.NotEqual(first.Losses, second.Losses);
    }

    [Fact]
    public void Resuming_after_an_interruption_continues_exactly_as_an_uninterrupted_run()
    {
        using var whole = new TemporaryDirectory();
        using var split = new TemporaryDirectory();
        var options = TrainingFixtures.TinyOptions(6);
        var reference = new Trainer(options, TrainingFixtures.Context()).Run(TrainingFixtures.TinyData(), whole.Path);

        var stopped = new Trainer(options with { StopAfterStep = 3 }, TrainingFixtures.Context()).Run(TrainingFixtures.TinyData(), split.Path);
        Assert.False(stopped.Completed);
        Assert.Equal(3, stopped.LastStep);
        var resumed = new Trainer(options, TrainingFixtures.Context()).Run(TrainingFixtures.TinyData(), split.Path);

        Assert.Equal(4, resumed.FirstStep);
        Assert.True(resumed.Completed);
        Assert.Equal(reference.Losses, stopped.Losses.Concat(resumed.Losses));
        Assert.Equal(File.ReadAllLines(whole.File("loss.tsv")).Select(Step), File.ReadAllLines(split.File("loss.tsv")).Select(Step));
        Assert.Equal(reference.Best?.Step, resumed.Best?.Step);
        Assert.Equal(Weights(whole.File(Trainer.BestModelFile)), Weights(split.File(Trainer.BestModelFile)));
    }

    [Fact]
    public void Cancellation_stops_with_a_checkpoint_that_resumes()
    {
        using var folder = new TemporaryDirectory();
        using var cancel = new CancellationTokenSource();
        var options = TrainingFixtures.TinyOptions(4) with { CheckpointIntervalSteps = 100 };
        var progress = new SynchronousProgress<TrainingProgress>(p => { if (p.Step == 2) cancel.Cancel(); });
        var stopped = new Trainer(options, TrainingFixtures.Context()).Run(TrainingFixtures.TinyData(), folder.Path, progress, cancel.Token);
        Assert.Equal(2, stopped.LastStep);
        var resumed = new Trainer(options, TrainingFixtures.Context()).Run(TrainingFixtures.TinyData(), folder.Path);
        Assert.Equal(3, resumed.FirstStep);
        Assert.Equal(4, resumed.LastStep);
    }

    [Fact]
    public void No_tensor_is_left_alive_after_training_beyond_what_the_network_itself_leaves()
    {
        using var folder = new TemporaryDirectory();
        using var warmup = new TemporaryDirectory();
        var options = TrainingFixtures.TinyOptions(3);
        new Trainer(TrainingFixtures.TinyOptions(1), TrainingFixtures.Context()).Run(TrainingFixtures.TinyData(), warmup.Path);
        // Building and disposing a MonaiUNet leaves a few tensors alive by itself (reported; not the trainer's).
        long start = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        new MonaiUNet(options.Network).Dispose();
        long networkOwn = DisposeScopeManager.Statistics.ThreadTotalLiveCount - start;
        long before = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        new Trainer(options, TrainingFixtures.Context()).Run(TrainingFixtures.TinyData(), folder.Path);
        Assert.Equal(before + networkOwn, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
    }

    [Fact]
    public void The_best_model_loads_as_a_segmentation_model()
    {
        using var folder = new TemporaryDirectory();
        var result = new Trainer(TrainingFixtures.TinyOptions(3), TrainingFixtures.Context()).Run(TrainingFixtures.TinyData(), folder.Path);
        Assert.NotNull(result.BestModelPath);
        using var model = ModelLoader.Load(result.BestModelPath!, TrainingFixtures.Context());
        Assert.Equal([4, 8, 16], model.Description.Channels);
        Assert.Equal(0.3, model.Description.Threshold);
        Assert.True(File.ReadAllLines(folder.File("validation.tsv")).Length >= 2);
    }

    [Fact]
    public void Resuming_with_another_seed_is_an_error_naming_the_seed()
    {
        using var folder = new TemporaryDirectory();
        new Trainer(TrainingFixtures.TinyOptions(1), TrainingFixtures.Context(3)).Run(TrainingFixtures.TinyData(), folder.Path);
        var e = Assert.Throws<Imaging.InvalidInputException>(() =>
            new Trainer(TrainingFixtures.TinyOptions(2), TrainingFixtures.Context(4)).Run(TrainingFixtures.TinyData(), folder.Path));
        Assert.Contains("seed 3", e.Message);
    }

    // Step and loss; the elapsed-time column differs between runs.
    static string Step(string line) => string.Join('\t', line.Split('\t')[..2]);

    static float[] Weights(string iesm)
    {
        using var model = ModelLoader.Load(iesm, TrainingFixtures.Context());
        using var scope = torch.NewDisposeScope();
        return [.. model.Module.state_dict().Values.SelectMany(t => t.to(torch.ScalarType.Float32).flatten().data<float>().ToArray())];
    }

    sealed class SynchronousProgress<T>(Action<T> action) : IProgress<T>
    {
        public void Report(T value) => action(value);
    }
}
