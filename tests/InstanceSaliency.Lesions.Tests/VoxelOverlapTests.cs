using InstanceSaliency.Imaging.Volumes;
using static InstanceSaliency.Lesions.Tests.Grids;

namespace InstanceSaliency.Lesions.Tests;

public class VoxelOverlapTests
{
    [Fact]
    public void Counts_true_false_positive_and_false_negative_voxels()
    {
        var overlap = VoxelOverlap.Count(Row("1110001100"), Row("0110011000"));
        Assert.Equal(new VoxelOverlap(3, 2, 1, 10), overlap);
    }

    [Fact]
    public void Dice_is_twice_the_overlap_over_the_sum_of_sizes()
    {
        // |P| = 5, |G| = 4, |P ∩ G| = 3: Dice = 6 / 9.
        Assert.Equal(6 / 9.0, VoxelOverlap.Count(Row("1110001100"), Row("0110011000")).Dice, 1e-15);
    }

    [Fact]
    public void Ndsc_rescales_false_positives_to_the_reference_lesion_load()
    {
        // V = 10, |G| = 4: k = 0.999·4 / (0.001·6) = 666; nDSC = 6 / (666·2 + 6 + 1).
        var overlap = VoxelOverlap.Count(Row("1110001100"), Row("0110011000"));
        Assert.Equal(6 / (666.0 * 2 + 6 + 1), overlap.NormalisedDice(), 1e-12);
    }

    [Fact]
    public void Ndsc_equals_dice_when_the_lesion_load_equals_r()
    {
        // |G| / V = r makes k = 1.
        var overlap = new VoxelOverlap(TruePositives: 600, FalsePositives: 300, FalseNegatives: 400, TotalVoxels: 1_000_000);
        Assert.Equal(overlap.Dice, overlap.NormalisedDice(), 1e-12);
    }

    [Fact]
    public void Empty_prediction_scores_zero()
    {
        var overlap = VoxelOverlap.Count(Row("0000"), Row("0110"));
        Assert.Equal(0.0, overlap.Dice);
        Assert.Equal(0.0, overlap.NormalisedDice());
    }

    [Fact]
    public void Empty_truth_scores_zero_and_uses_k_equal_one()
    {
        var overlap = VoxelOverlap.Count(Row("0110"), Row("0000"));
        Assert.Equal(0.0, overlap.Dice);
        Assert.Equal(0.0, overlap.NormalisedDice());
    }

    [Fact]
    public void Both_empty_score_one()
    {
        var overlap = VoxelOverlap.Count(Row("0000"), Row("0000"));
        Assert.Equal(1.0, overlap.Dice);
        Assert.Equal(1.0, overlap.NormalisedDice());
    }

    [Fact]
    public void Truth_filling_the_grid_gives_ndsc_equal_to_dice()
    {
        var overlap = VoxelOverlap.Count(Row("0110"), Row("1111"));
        Assert.Equal(overlap.Dice, overlap.NormalisedDice());
    }

    [Fact]
    public void Masks_on_different_grids_are_refused()
    {
        Assert.Throws<GridMismatchException>(() => VoxelOverlap.Count(Row("0110"), Row("01100")));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(double.NaN)]
    public void Reference_loads_outside_zero_one_are_rejected(double r)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new VoxelOverlap(1, 1, 1, 10).NormalisedDice(r));
    }
}
