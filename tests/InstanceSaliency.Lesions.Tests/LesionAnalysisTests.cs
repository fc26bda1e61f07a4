using InstanceSaliency.Imaging.Morphology;
using InstanceSaliency.Imaging.Volumes;
using static InstanceSaliency.Lesions.Tests.Grids;

namespace InstanceSaliency.Lesions.Tests;

public class LesionAnalysisTests
{
    [Fact]
    public void Without_truth_instances_are_unlabelled_and_there_are_no_metrics()
    {
        var report = LesionAnalysis.Run(Row("0110001"), truth: null);

        Assert.Equal(2, report.Count);
        Assert.All(report.Lesions, l => Assert.Equal(LesionType.Unlabelled, l.Type));
        Assert.Empty(report.Missed);
        Assert.Null(report.Metrics);
        Assert.Null(report.MissedLabels);
        Assert.False(report.HasTruth);
        Assert.Equal([0, 1, 1, 0, 0, 0, 2], report.Labels.Voxels);
        Assert.Equal(LabelVoxelType.UInt8, report.LabelVoxelType);
    }

    [Fact]
    public void With_truth_the_report_has_types_missed_lesions_labels_and_metrics()
    {
        //                 predicted [1,2] [6] [9,10,11]      truth [2,3] [11] [13]
        var predicted = Row("01100010011100");
        var truth = Row("00110000000101");

        var report = LesionAnalysis.Run(predicted, truth, new LesionInstanceOptions { MinimumVoxels = 2 });

        Assert.Equal([1, 2], report.Lesions.Select(l => l.Id));
        Assert.Equal([LesionType.TruePositive, LesionType.TruePositive], report.Lesions.Select(l => l.Type));
        Assert.Equal([3], report.Missed.Select(l => l.Id));
        Assert.Equal([13], report.Missed[0].VoxelIndices);
        Assert.Equal(3, report.MissedLabels!.Voxels[13]);
        Assert.Equal(1, report.MissedLabels.Voxels.Count(v => v != 0));
        var m = report.Metrics!;
        // Voxels use the mask as given (the unlisted voxel 6 is a false positive voxel): TP 2, FP 4, FN 2.
        Assert.Equal(4 / 10.0, m.Dice, 1e-15);
        // Lesion counts cover every component, listed or not (README, Conventions): the 1-voxel [6] is an FP.
        Assert.Equal((2, 1, 1), (m.Tp, m.Fp, m.Fn));
        Assert.Equal(2 / 3.0, m.Tpr!.Value, 1e-15);
        Assert.Equal(2 / 3.0, m.Ppv!.Value, 1e-15);
        Assert.Equal(1 / 3.0, m.Fdr!.Value, 1e-15);
        Assert.Equal(4 / 6.0, m.F1!.Value, 1e-15);
    }

    [Fact]
    public void Metrics_do_not_depend_on_the_minimum_size()
    {
        //                 predicted [1,2] [6] [9,10,11]      truth [2,3] [6] [13]
        var predicted = Row("01100010011100");
        var truth = Row("00110010000001");
        var every = LesionAnalysis.Run(predicted, truth).Metrics!;

        foreach (int minimum in new[] { 2, 3, 4 })
            Assert.Equal(every, LesionAnalysis.Run(predicted, truth, new LesionInstanceOptions { MinimumVoxels = minimum }).Metrics);
        Assert.Equal((2, 1, 1), (every.Tp, every.Fp, every.Fn));
    }

    [Fact]
    public void Empty_prediction_against_truth_reports_every_truth_lesion_missed()
    {
        var report = LesionAnalysis.Run(Row("000000"), Row("110011"));
        Assert.Equal(0, report.Count);
        Assert.Equal([1, 2], report.Missed.Select(l => l.Id));
        Assert.Equal(0.0, report.Metrics!.Dice);
        Assert.Null(report.Metrics.Ppv);
    }

    [Fact]
    public void Connectivity_is_used_for_prediction_and_truth()
    {
        var geometry = Iso(3, 3, 3);
        var predicted = Mask(geometry, (0, 0, 0), (1, 1, 1));
        var report = LesionAnalysis.Run(predicted, predicted, new LesionInstanceOptions { Connectivity = Connectivity.FaceEdgeCorner });
        Assert.Equal(1, report.Count);
        Assert.Equal((1, 0, 0), (report.Metrics!.Tp, report.Metrics.Fp, report.Metrics.Fn));
    }

    [Fact]
    public void Truth_on_another_grid_fails_naming_both_inputs()
    {
        var error = Assert.Throws<GridMismatchException>(() =>
            LesionAnalysis.Run(Row("0110"), Row("01100"), maskName: "pred.nii.gz", truthName: "gt.nii.gz"));
        Assert.Contains("pred.nii.gz", error.Message);
        Assert.Contains("gt.nii.gz", error.Message);
    }
}
