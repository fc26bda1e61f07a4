using InstanceSaliency.Analysis.Pooling;
using InstanceSaliency.Reporting.Charts;

namespace InstanceSaliency.Reporting.Tests.Charts;

public class FeatureLabelTests
{
    [Theory]
    [InlineData("smoothgrad_flair_peak", "SmoothGrad (average), FLAIR channel: peak (signed value of largest |M|) in the lesion (logit per normalised-intensity unit)")]
    [InlineData("smoothgrad-max_t1_sum", "SmoothGrad (max), T1 channel: sum in the lesion (logit per normalised-intensity unit × voxels)")]
    [InlineData("smoothgrad_flair_ring3_mean", "SmoothGrad (average), FLAIR channel: mean in the ring 2–3 mm outside the lesion (logit per normalised-intensity unit)")]
    [InlineData("gradcampp_cam_peak", "Grad-CAM++ (raw): peak (signed value of largest |M|) in the lesion (arbitrary units)")]
    [InlineData("gradcampp_cam-normalised_max", "Grad-CAM++ (normalised): max in the lesion (fraction of the map's maximum)")]
    [InlineData("smoothgrad_flair_share", "SmoothGrad (average): FLAIR share of |saliency| in the lesion (fraction 0–1)")]
    [InlineData("volume_mm3", "lesion volume (mm³)")]
    [InlineData("something_else", "something_else")]
    public void Axis_titles_name_the_quantity_and_its_unit(string column, string title) => Assert.Equal(title, FeatureLabel.Of(column));

    [Fact]
    public void The_distribution_plot_names_the_group_tests_p_and_its_family_corrections()
    {
        var row = new GroupTestRow("smoothgrad_flair_peak", [10, 5, 2], [1, 2, 3], 9.5, 2, 0.00123, "") { PHolmFamily = 0.0456, QBhFamily = 0.0123 };
        Assert.Equal(" · Kruskal–Wallis p = 0.0012, Holm p = 0.0456, BH q = 0.0123", AnalysisFigures.TestText(row));
        Assert.Equal(" · Kruskal–Wallis p = 3.0E-6, Holm p = 0.0456, BH q = 0.0123", AnalysisFigures.TestText(row with { PValue = 3e-6 }));
        Assert.StartsWith(" · Kruskal–Wallis not run (", AnalysisFigures.TestText(row with { PValue = double.NaN, Note = "one group" }));
    }
}
