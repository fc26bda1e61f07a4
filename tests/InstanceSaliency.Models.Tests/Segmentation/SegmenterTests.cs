using Xunit.Abstractions;
using InstanceSaliency.Imaging;
using InstanceSaliency.Imaging.Geometry;
using InstanceSaliency.Imaging.Volumes;
using InstanceSaliency.Models.Checkpoints;
using InstanceSaliency.Models.Inference;
using InstanceSaliency.Models.Runtime;
using InstanceSaliency.Models.Segmentation;
using TorchSharp;

namespace InstanceSaliency.Models.Tests.Segmentation;

public class SegmenterTests(ITestOutputHelper output)
{
    const double Tolerance = 1e-4;

    static SegmentationResult Segment(SegmentationModel model, (Volume<float> Flair, Volume<float> T1) scan, int roi = 96, int windowsPerBatch = 2) =>
        new Segmenter(model, ComputeContext.Cpu).Run(scan.Flair, scan.T1,
            new SegmentationOptions { Window = new SlidingWindowSettings { RoiSizeVoxels = roi, WindowsPerBatch = windowsPerBatch } });

    [Theory]
    [InlineData("unet_small.pt")]
    [InlineData("unet_small.ts")]
    public void One_window_probability_matches_pytorch_reference(string modelFile)
    {
        using var model = ModelFixtures.Load(modelFile);
        var result = Segment(model, ModelFixtures.SyntheticCase(30, 28, 26));
        Assert.Equal(1, result.Windows);
        double error = ModelFixtures.MaxAbsDifferenceSubsampled(result.Probability, ModelFixtures.ReadBin("probability_one_window.bin"), 1);
        output.WriteLine($"{modelFile}: max |Δp| = {error:E2}");
        Assert.True(error < Tolerance, $"{modelFile}: max |Δp| = {error:E2}");
    }

    [Fact]
    public void Several_96_windows_probability_matches_pytorch_reference()
    {
        using var model = ModelFixtures.Load("unet_small.pt");
        var result = Segment(model, ModelFixtures.SyntheticCase(112, 100, 120));
        var expected = ModelFixtures.Expected("probability_several_windows");
        Assert.Equal(expected.GetProperty("windows").GetInt32(), result.Windows);
        double error = ModelFixtures.MaxAbsDifferenceSubsampled(result.Probability, ModelFixtures.ReadBin("probability_several_windows_every4.bin"), 4);
        output.WriteLine($"max |Δp| = {error:E2}");
        Assert.True(error < Tolerance, $"max |Δp| = {error:E2}");
        double sum = result.Probability.Voxels.Sum(v => (double)v);
        double meanError = Math.Abs(sum - expected.GetProperty("sum").GetDouble()) / result.Probability.Voxels.Length;
        Assert.True(meanError < 1e-6, $"mean Δp = {meanError:E2}");
    }

    [Fact]
    public void Several_32_windows_probability_matches_pytorch_reference()
    {
        using var model = ModelFixtures.Load("unet_small.pt");
        var result = Segment(model, ModelFixtures.SyntheticCase(50, 44, 38), roi: 32);
        Assert.Equal(12, result.Windows);
        double error = ModelFixtures.MaxAbsDifferenceSubsampled(result.Probability, ModelFixtures.ReadBin("probability_roi32_every2.bin"), 2);
        output.WriteLine($"max |Δp| = {error:E2}");
        Assert.True(error < Tolerance, $"max |Δp| = {error:E2}");
    }

    [Fact]
    public void Batched_windows_equal_one_at_a_time()
    {
        using var model = ModelFixtures.Load("unet_small.pt");
        var scan = ModelFixtures.SyntheticCase(50, 44, 38);
        var single = Segment(model, scan, roi: 32, windowsPerBatch: 1).Probability.Voxels;
        var batched = Segment(model, scan, roi: 32, windowsPerBatch: 5).Probability.Voxels;
        double max = 0;
        for (int n = 0; n < single.Length; n++) max = Math.Max(max, Math.Abs(single[n] - batched[n]));
        Assert.True(max < 1e-6, $"max |Δp| = {max:E2}");
    }

    [Fact]
    public void Mask_is_probability_above_threshold()
    {
        using var model = ModelFixtures.Load("unet_small.pt");
        var scan = ModelFixtures.SyntheticCase(30, 28, 26);
        var result = new Segmenter(model, ComputeContext.Cpu).Run(scan.Flair, scan.T1, new SegmentationOptions { Threshold = 0.45 });
        Assert.Equal(0.45, result.Threshold);
        Assert.Contains(result.Mask.Voxels, v => v == 1);
        Assert.Contains(result.Mask.Voxels, v => v == 0);
        for (int n = 0; n < result.Mask.Voxels.Length; n++)
            Assert.Equal(result.Probability.Voxels[n] > 0.45f ? 1 : 0, result.Mask.Voxels[n]);
        Assert.Equal(scan.Flair.Geometry, result.Probability.Geometry);
    }

    [Fact]
    public void Progress_reports_every_window_batch()
    {
        using var model = ModelFixtures.Load("unet_small.pt");
        var scan = ModelFixtures.SyntheticCase(50, 44, 38);
        var reports = new List<SegmentationProgress>();
        new Segmenter(model, ComputeContext.Cpu).Run(scan.Flair, scan.T1,
            new SegmentationOptions { Window = new SlidingWindowSettings { RoiSizeVoxels = 32, WindowsPerBatch = 5 } }, new SynchronousProgress(reports.Add));
        Assert.Equal([5, 10, 12], reports.Where(r => r.Stage == "windows").Select(r => r.Done));
    }

    [Fact]
    public void No_tensor_is_left_alive_after_segmentation()
    {
        using var model = ModelFixtures.Load("tiny.pt");
        var scan = ModelFixtures.SyntheticCase(30, 28, 26);
        Segment(model, scan, roi: 16);
        // Per-thread count: other test classes create tensors in parallel.
        long before = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        using (torch.zeros(1)) Assert.Equal(before + 1, DisposeScopeManager.Statistics.ThreadTotalLiveCount); // the counter sees this thread
        Segment(model, scan, roi: 16);
        Assert.Equal(before, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
    }

    [Fact]
    public void NaN_voxel_is_an_error_naming_the_file_and_voxel()
    {
        using var model = ModelFixtures.Load("tiny.pt");
        var (flair, t1) = ModelFixtures.SyntheticCase(16, 16, 16);
        t1[3, 4, 5] = float.NaN;
        var e = Assert.Throws<InvalidInputException>(() => new Segmenter(model, ComputeContext.Cpu).Run(flair, t1, flairName: "f.nii.gz", t1Name: "t1.nii.gz"));
        Assert.Contains("t1.nii.gz: voxel (3, 4, 5) is NaN", e.Message);
    }

    [Fact]
    public void Infinite_voxel_is_an_error()
    {
        using var model = ModelFixtures.Load("tiny.pt");
        var (flair, t1) = ModelFixtures.SyntheticCase(16, 16, 16);
        flair[0, 0, 0] = float.PositiveInfinity;
        Assert.Contains("+inf", Assert.Throws<InvalidInputException>(() => new Segmenter(model, ComputeContext.Cpu).Run(flair, t1)).Message);
    }

    [Fact]
    public void All_zero_channel_is_an_error_naming_the_file()
    {
        using var model = ModelFixtures.Load("tiny.pt");
        var (flair, _) = ModelFixtures.SyntheticCase(16, 16, 16);
        var empty = Volume<float>.Zeros(flair.Geometry);
        var e = Assert.Throws<InvalidInputException>(() => new Segmenter(model, ComputeContext.Cpu).Run(flair, empty, t1Name: "empty_t1.nii.gz"));
        Assert.Contains("empty_t1.nii.gz: every voxel is 0", e.Message);
    }

    [Fact]
    public void Mismatched_grids_are_an_error()
    {
        using var model = ModelFixtures.Load("tiny.pt");
        var (flair, t1) = ModelFixtures.SyntheticCase(16, 16, 16);
        var shifted = new Volume<float>(t1.Voxels, ImageGeometry.FromAffine(t1.Shape, Affine.Diagonal(1, 1, 1.5)));
        Assert.Throws<GridMismatchException>(() => new Segmenter(model, ComputeContext.Cpu).Run(flair, shifted));
        var (other, _) = ModelFixtures.SyntheticCase(16, 16, 17);
        Assert.Throws<GridMismatchException>(() => new Segmenter(model, ComputeContext.Cpu).Run(flair, other));
    }

    sealed class SynchronousProgress(Action<SegmentationProgress> report) : IProgress<SegmentationProgress>
    {
        public void Report(SegmentationProgress value) => report(value);
    }
}
