using InstanceSaliency.Lesions;
using InstanceSaliency.Models.Checkpoints;
using InstanceSaliency.Models.Networks;
using InstanceSaliency.Models.Runtime;
using InstanceSaliency.Models.Segmentation;

namespace InstanceSaliency.Models.Training;

/// <summary>
/// Validation during training: every validation case segmented by the sliding-window <see cref="Segmenter"/> (the
/// same path as <c>ies segment</c>, network in evaluation mode), scored by <see cref="LesionAnalysis"/> (18-connected
/// instances, all sizes); the score averages the sites' means (<see cref="TrainingCase.Site"/>); the network is put
/// back in training mode afterwards.
/// </summary>
static class TrainingValidation
{
    public static ValidationScore Run(MonaiUNet network, IReadOnlyList<TrainingCase> cases, TrainingOptions options, ComputeContext context, int step)
    {
        // Not disposed: it wraps the live network. The description carries the working grid, so native validation scans are segmented as `ies segment` would.
        var model = SegmentationModel.FromNetwork(network, "the network in training", options.Description());
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
            // Each site's mean, then the mean over sites: one scan of a small site weighs as much as the other site's scans together.
            var sites = cases.Zip(perCase).GroupBy(x => x.First.Site).ToList();
            double f1 = sites.Average(g => g.Average(x => x.Second.metrics.F1 ?? 0)), ndsc = sites.Average(g => g.Average(x => x.Second.metrics.Ndsc));
            return new ValidationScore(step, f1, ndsc, (f1 + ndsc) / 2, perCase);
        }
        finally
        {
            network.train();
        }
    }
}
