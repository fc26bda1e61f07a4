using InstanceSaliency.Imaging.Morphology;
using InstanceSaliency.Imaging.Volumes;
using static InstanceSaliency.Lesions.Tests.Grids;

namespace InstanceSaliency.Lesions.Tests;

public class GroundTruthMatchingTests
{
    static GroundTruthMatch Match(Volume<byte> predicted, Volume<byte> truth, int minimumVoxels = 1)
    {
        var options = new LesionInstanceOptions { MinimumVoxels = minimumVoxels };
        var set = LesionExtraction.Extract(predicted, options);
        return GroundTruthMatching.Match(set.Lesions, predicted, truth, options.Connectivity);
    }

    [Fact]
    public void Predicted_instances_touching_truth_in_one_voxel_are_true_positives()
    {
        //            predicted: [0,1,2]  [5]  [8,9]     truth: [2,3]  [9]  [12,13]
        var match = Match(Row("11100100110000"), Row("00110000010011"));

        Assert.Equal([LesionType.TruePositive, LesionType.FalsePositive, LesionType.TruePositive], match.Lesions.Select(l => l.Type));
        Assert.Equal((2, 1, 1), (match.TruePositives, match.FalsePositives, match.FalseNegatives));
        Assert.Equal(3, match.TruthComponentCount);
    }

    [Fact]
    public void Missed_truth_components_get_ids_after_the_predicted_ones_in_first_voxel_order()
    {
        var match = Match(Row("0000011000000"), Row("1100011001011"));

        Assert.Equal([2, 3, 4], match.Missed.Select(l => l.Id));
        Assert.Equal([[0, 1], [9], [11, 12]], match.Missed.Select(l => l.VoxelIndices.ToArray()));
        Assert.All(match.Missed, l => Assert.Equal(LesionType.FalseNegative, l.Type));
        Assert.Equal([1], match.Lesions.Select(l => l.Id));
    }

    [Fact]
    public void A_truth_lesion_touched_only_by_a_component_below_minimum_size_is_not_missed()
    {
        // The single predicted voxel at 2 is dropped by min-size 2, but it is a predicted voxel: truth [2,3] is
        // not FN. The lesion-wise counts see neither it (not an instance) nor the truth lesion.
        var match = Match(Row("0010001110"), Row("0011000000"), minimumVoxels: 2);

        Assert.Single(match.Lesions);
        Assert.Equal(LesionType.FalsePositive, match.Lesions[0].Type);
        Assert.Empty(match.Missed);
    }

    [Fact]
    public void Truth_components_use_the_same_connectivity_as_the_prediction()
    {
        // Truth voxels (0,0,0) and (1,1,0) touch by an edge: one lesion under 18, two under 6.
        var geometry = Iso(3, 3, 1);
        var truth = Mask(geometry, (0, 0, 0), (1, 1, 0));
        var predicted = Mask(geometry, (0, 0, 0));
        int FalseNegatives(Connectivity c) => GroundTruthMatching.Match(
            LesionExtraction.Extract(predicted, new LesionInstanceOptions { Connectivity = c }).Lesions, predicted, truth, c).FalseNegatives;

        Assert.Equal(0, FalseNegatives(Connectivity.FaceEdge));
        Assert.Equal(1, FalseNegatives(Connectivity.Face));
    }

    [Fact]
    public void Truth_on_another_grid_is_refused()
    {
        Assert.Throws<GridMismatchException>(() => Match(Row("0110"), Row("01100")));
    }
}
