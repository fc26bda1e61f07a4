using InstanceSaliency.Imaging;
using InstanceSaliency.Models.Checkpoints;
using InstanceSaliency.Models.Networks;
using InstanceSaliency.Models.Runtime;
using InstanceSaliency.TestSupport;

namespace InstanceSaliency.Models.Tests.Checkpoints;

/// <summary>The package key fp_filter (issue 17): versioned, optional, and its doubles stored bit for bit.</summary>
public sealed class FalsePositiveFilterTests
{
    /// <summary>Doubles whose shortest decimal form is long, tiny, huge or negative zero, and random bit patterns.</summary>
    static double[] AwkwardDoubles(int count)
    {
        var random = new Random(17);
        var values = new List<double> { 0.1 + 0.2, 1.0 / 3, Math.PI, -Math.E, double.Epsilon, 1e-300, -1.7976931348623157e308, -0.0, 123456789.123456789 };
        while (values.Count < count)
        {
            double v = BitConverter.Int64BitsToDouble(random.NextInt64());
            if (double.IsFinite(v)) values.Add(v);
        }
        return [.. values];
    }

    static FalsePositiveFilter Filter()
    {
        var doubles = AwkwardDoubles(40);
        return new FalsePositiveFilter
        {
            Features = [.. Enumerable.Range(0, 12).Select(j => $"feature_{j}")],
            Means = doubles[..12], StandardDeviations = [.. doubles[12..24].Select(Math.Abs)], Coefficients = doubles[24..36],
            Intercept = doubles[36], Threshold = 0.1 + 0.2,
            Saliency = new FilterSaliency { Methods = ["smoothgrad", "gradcampp"], Samples = 3, NoiseFraction = 0.05 + 1e-17, Seed = long.MaxValue },
            Provenance = new FilterProvenance("ies train fp-filter …", ["a"], ["b"], 7, 5, doubles[37], doubles[38], "rule")
            {
                Validation = new FilterValidation(1, 1.0 / 3, 2.0 / 3, 0.1, 0.7, 0.9, 0.85),
            },
        };
    }

    static void AssertBits(IReadOnlyList<double> expected, IReadOnlyList<double> actual) =>
        Assert.Equal(expected.Select(BitConverter.DoubleToInt64Bits), actual.Select(BitConverter.DoubleToInt64Bits));

    [Fact]
    public void The_filter_round_trips_through_the_package_bit_for_bit()
    {
        using var folder = new TemporaryDirectory();
        string path = folder.File("filtered" + ModelPackage.Extension);
        var filter = Filter();
        using (var original = ModelFixtures.Load("tiny.pt"))
            ModelPackage.Save((MonaiUNet)original.Module, original.Description with { FpFilter = filter }, path);
        using var model = ModelLoader.Load(path, ComputeContext.Cpu);
        var read = model.Description.FpFilter!;
        Assert.Equal(filter.Features, read.Features);
        AssertBits(filter.Means, read.Means);
        AssertBits(filter.StandardDeviations, read.StandardDeviations);
        AssertBits(filter.Coefficients, read.Coefficients);
        AssertBits([filter.Intercept, filter.Threshold, filter.Saliency.NoiseFraction], [read.Intercept, read.Threshold, read.Saliency.NoiseFraction]);
        AssertBits([filter.Provenance!.CrossValidatedAuc, filter.Provenance.CrossValidatedAucNonSaliency], [read.Provenance!.CrossValidatedAuc, read.Provenance.CrossValidatedAucNonSaliency]);
        Assert.Equal(filter.Saliency.Methods, read.Saliency.Methods);
        Assert.Equal(filter.Saliency.Seed, read.Saliency.Seed);
        Assert.Equal(filter.Provenance.Validation, read.Provenance.Validation);
        Assert.Equal(filter.FormatVersion, read.FormatVersion);
        // Written again, the description is the same text: nothing is lost or reformatted on the way.
        Assert.Equal((model.Description with { }).ToJson(), ModelDescription.Parse(model.Description.ToJson(), "again").ToJson());
    }

    [Fact]
    public void A_package_without_a_filter_loads_and_has_none()
    {
        using var folder = new TemporaryDirectory();
        string path = folder.File("plain" + ModelPackage.Extension);
        using (var original = ModelFixtures.Load("tiny.pt"))
            ModelPackage.Save((MonaiUNet)original.Module, original.Description, path);
        using var model = ModelLoader.Load(path, ComputeContext.Cpu);
        Assert.Null(model.Description.FpFilter);
        Assert.DoesNotContain("fp_filter", model.Description.ToJson());
    }

    [Fact]
    public void A_newer_format_version_or_mismatched_lengths_are_refused_naming_the_key()
    {
        string Json(FalsePositiveFilter f) => new ModelDescription { FpFilter = f }.ToJson();
        var newer = Assert.Throws<InvalidInputException>(() => ModelDescription.Parse(Json(Filter() with { FormatVersion = 2 }), "m.iesm!model.json"));
        Assert.Contains("fp_filter.format_version is 2", newer.Message);
        var shorter = Assert.Throws<InvalidInputException>(() => ModelDescription.Parse(Json(Filter() with { Coefficients = [1] }), "m.iesm!model.json"));
        Assert.Contains("fp_filter.coefficients has 1 value(s) for 12 feature(s)", shorter.Message);
    }
}
