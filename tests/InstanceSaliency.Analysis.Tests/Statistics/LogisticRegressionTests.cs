using InstanceSaliency.Analysis.Statistics;
using static InstanceSaliency.Analysis.Tests.Statistics.StatisticsFixture;

namespace InstanceSaliency.Analysis.Tests.Statistics;

public class LogisticRegressionTests
{
    public static TheoryData<string> Cases => Names("logistic");

    [Theory]
    [MemberData(nameof(Cases))]
    public void Coefficients_equal_scipy_minimize_of_the_same_penalised_likelihood(string name)
    {
        var c = Case("logistic", name);
        var x = c.GetProperty("x").EnumerateArray().Select(r => (IReadOnlyList<double>)Doubles(r)).ToArray();
        var model = LogisticRegression.Fit(x, Doubles(c.GetProperty("y")), new LogisticRegressionOptions { L2Penalty = c.GetProperty("lambda").GetDouble() });
        Close(c.GetProperty("intercept").GetDouble(), model.Intercept, 1e-5, 0, $"{name} intercept");
        var expected = Doubles(c.GetProperty("coefficients"));
        for (int j = 0; j < expected.Length; j++) Close(expected[j], model.Coefficients[j], 1e-5, 0, $"{name} β{j + 1}");
    }

    [Fact]
    public void Separable_data_stays_finite_under_the_penalty()
    {
        var x = new[] { 1.0, 2, 3, 10, 11, 12 }.Select(v => (IReadOnlyList<double>)[v]).ToArray();
        var model = LogisticRegression.Fit(x, [0, 0, 0, 1, 1, 1]);
        Assert.True(double.IsFinite(model.Coefficients[0]) && model.Coefficients[0] > 0);
        Assert.True(model.Probability([12.0]) > 0.5 && model.Probability([1.0]) < 0.5);
    }

    [Fact]
    public void Missing_values_are_imputed_by_the_training_mean()
    {
        var x = new[] { 1.0, 2, 3, 4 }.Select(v => (IReadOnlyList<double>)[v]).ToArray();
        var model = LogisticRegression.Fit(x, [0, 0, 1, 1]);
        Assert.Equal(LogisticModel_Intercept_Probability(model), model.Probability([double.NaN]), 12);
    }

    static double LogisticModel_Intercept_Probability(LogisticModel model) => 1 / (1 + Math.Exp(-model.Intercept));
}
