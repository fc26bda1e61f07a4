using System.IO.Compression;
using InstanceSaliency.Imaging;
using InstanceSaliency.Imaging.Nifti;
using InstanceSaliency.Models.Checkpoints;
using InstanceSaliency.Models.Inference;
using InstanceSaliency.TestSupport;

namespace InstanceSaliency.Models.Tests.Inference;

/// <summary>
/// Which grid a model works on (issue 14): the shipped model's description says 1 mm LAS (the Lesjak arrays it was
/// trained on), so the Lesjak scans keep their own grid — nothing reoriented or resampled, the same bytes as before —
/// while an MS3SEG scan of 0.9×0.9×6.5 mm gets a 1 mm working grid; a model without spacing_mm never resamples.
/// </summary>
public sealed class ModelWorkingGridTests
{
    static ModelDescription Shipped()
    {
        using var archive = ZipFile.OpenRead(Path.Combine(RepositoryPaths.Root, "models", "default", "unet.iesm"));
        using var reader = new StreamReader(archive.GetEntry("model.json")!.Open());
        return ModelDescription.Parse(reader.ReadToEnd(), "unet.iesm");
    }

    [Fact]
    public void The_shipped_model_works_at_1_mm_in_the_convention_it_was_trained_in()
    {
        var description = Shipped();
        Assert.Equal([1.0, 1.0, 1.0], description.SpacingMm!);
        Assert.Equal("LAS", description.AxisConvention);
    }

    [Theory]
    [InlineData("patient07")]
    [InlineData("patient19")]
    [InlineData("patient26")]
    public void Lesjak_scans_stay_on_their_own_grid(string patient)
    {
        var flair = NiftiFile.ReadHeader(RepositoryPaths.RealCase(patient, "flair.nii.gz")).Geometry;
        Assert.Null(ModelWorkingGrid.For(Shipped(), flair, patient));
    }

    [Fact]
    public void A_clinical_scan_gets_a_1_mm_working_grid_over_its_field_of_view()
    {
        var flair = NiftiFile.ReadHeader(RepositoryPaths.Ms3seg("104252", "flair.nii.gz")).Geometry;
        var grid = ModelWorkingGrid.For(Shipped(), flair, "104252");
        Assert.NotNull(grid);
        // n_w = ⌈(n − 1) · s / 1 mm⌉ + 1: 255 · 0.8984 → 231, 19 · 6.5 → 125 (WorkingGridGeometry).
        Assert.Equal(new Imaging.Geometry.GridShape(231, 231, 125), grid.Working.Shape);
        Assert.Null(ModelWorkingGrid.For(Shipped() with { SpacingMm = null }, flair, "104252"));
    }

    [Theory]
    [InlineData("\"spacing_mm\": [1, 1]", "spacing_mm")]
    [InlineData("\"spacing_mm\": [1, 0, 1]", "spacing_mm")]
    [InlineData("\"spacing_mm\": [1, 1, 1], \"axis_convention\": \"RRS\"", "axis_convention")]
    public void A_bad_working_grid_in_a_description_is_refused_naming_the_key(string keys, string mention)
    {
        var e = Assert.Throws<InvalidInputException>(() => ModelDescription.Parse($"{{ {keys} }}", "m.json"));
        Assert.Contains(mention, e.Message);
        Assert.StartsWith("m.json", e.Message);
    }
}
