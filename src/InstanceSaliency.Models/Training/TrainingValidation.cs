using InstanceSaliency.Lesions;
using InstanceSaliency.Models.Checkpoints;
using InstanceSaliency.Models.Networks;
using InstanceSaliency.Models.Runtime;
using InstanceSaliency.Models.Segmentation;

namespace InstanceSaliency.Models.Training;

/// <summary>
/// Validation during training: every validation case segmented by the sliding-window <see cref="Segmenter"/> (the
/// same path as <c>ies segment</c>, network in evaluation mode), scored by <see cref="LesionAnalysis"/> (18-connected
/// instances, all sizes); the network is put back in training mode afterwards.
/// </summary>
static class TrainingValidation
{
    public static ValidationScore Run(MonaiUNet network, IReadOnlyList<TrainingCase> cases, TrainingOptions options, ComputeContext context, int step)
    {
        var model = SegmentationModel.FromNetwork(network, "the network in training"); // not disposed: it wraps the live network
        try
        {
            var segmenter = new Segmenter(model, context);
            var perCase = cases.Select(c =>
            {
                var result = segmenter.Run(c.Flair, c.T1, new SegmentationOptions { Threshold = options.Threshold, Window = options.ValidationWindow },
                    flairName: c.Name + " FLAIR", t1Name: c.Name + " T1");
                var metrics = LesionAnalysis.Run(result.Mask, c.Mask, null, c.Name + " prediction", c.Name + " mask").Metrics!;
                return (c.Name, metrics);
            }).ToList();
            double f1 = perCase.Average(c => c.metrics.F1 ?? 0), ndsc = perCase.Average(c => c.metrics.Ndsc);
            return new ValidationScore(step, f1, ndsc, (f1 + ndsc) / 2, perCase);
        }
        finally
        {
            network.train();
        }
    }
}
