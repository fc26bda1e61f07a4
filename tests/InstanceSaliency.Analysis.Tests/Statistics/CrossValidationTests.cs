using InstanceSaliency.Analysis.Statistics;

namespace InstanceSaliency.Analysis.Tests.Statistics;

public class CrossValidationTests
{
    [Fact]
    public void A_held_out_scan_is_scored_by_a_model_fitted_without_it()
    {
        var rows = new List<IReadOnlyList<double>>();
        var labels = new List<double>();
        var groups = new List<string>();
        for (int s = 0; s < 4; s++)
            for (int i = 0; i < 6; i++) { rows.Add([i + s * 0.1]); labels.Add(i >= 3 ? 1 : 0); groups.Add($"scan{s}"); }
        var oof = GroupedCrossValidation.Predict(rows, labels, groups, new CrossValidationOptions());
        Assert.Equal(4, oof.Folds);
        Assert.Equal(0, oof.DegenerateFolds);
        var train = Enumerable.Range(0, rows.Count).Where(i => groups[i] != "scan2").ToArray();
        var model = LogisticRegression.Fit(train.Select(i => rows[i]).ToArray(), train.Select(i => labels[i]).ToArray());
        int first = groups.IndexOf("scan2");
        Assert.Equal(model.Probability(rows[first]), oof.Probabilities[first], 12);
    }

    [Fact]
    public void Many_scans_are_dealt_into_K_folds_deterministically()
    {
        var rows = Enumerable.Range(0, 60).Select(i => (IReadOnlyList<double>)[i % 7 + (i % 2) * 3.0]).ToArray();
        var labels = Enumerable.Range(0, 60).Select(i => (double)(i % 2)).ToArray();
        var groups = Enumerable.Range(0, 60).Select(i => $"s{i / 2}").ToArray();
        var options = new CrossValidationOptions { MaximumFolds = 5, Seed = 11 };
        var a = GroupedCrossValidation.Predict(rows, labels, groups, options);
        var b = GroupedCrossValidation.Predict(rows, labels, groups, options);
        Assert.Equal(5, a.Folds);
        Assert.Equal(a.Probabilities, b.Probabilities);
    }

    [Fact]
    public void Removing_a_TP_makes_it_a_missed_lesion()
    {
        var before = new LesionCounts(Tp: 10, Fp: 6, Fn: 4);
        var after = before.AfterRemoving(removedTp: 2, removedFp: 5);
        Assert.Equal(new LesionCounts(8, 1, 6), after);
        Assert.Equal(20.0 / 30, before.F1, 12);
        Assert.Equal(10.0 / 16, before.Ppv, 12);
        Assert.Equal(16.0 / 23, after.F1, 12);
        Assert.Equal(8.0 / 9, after.Ppv, 12);
    }
}
