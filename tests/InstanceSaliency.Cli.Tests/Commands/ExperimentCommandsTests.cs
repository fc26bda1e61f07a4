using InstanceSaliency.Imaging.Geometry;
using InstanceSaliency.Imaging.Nifti;
using InstanceSaliency.Imaging.Volumes;
using InstanceSaliency.TestSupport;

namespace InstanceSaliency.Cli.Tests.Commands;

/// <summary>`ies context`, `ies synth` and `ies sanity`: a small run each where cheap, and the bad-input contract.</summary>
public sealed class ExperimentCommandsTests : IDisposable
{
    readonly TemporaryDirectory _folder = new();
    readonly string _flair, _t1, _truth, _model = RepositoryPaths.SmallUNet;

    public ExperimentCommandsTests()
    {
        var (flair, t1) = SyntheticScan.Ellipsoid(40, 36, 30);
        var truth = Volume<byte>.Zeros(flair.Geometry);
        for (int k = 12; k < 14; k++) for (int j = 15; j < 18; j++) for (int i = 14; i < 17; i++) truth[i, j, k] = 1;
        NiftiFile.Write(flair, _flair = _folder.File("flair.nii.gz"));
        NiftiFile.Write(t1, _t1 = _folder.File("t1.nii.gz"));
        NiftiFile.Write(truth, _truth = _folder.File("truth.nii.gz"));
    }

    public void Dispose() => _folder.Dispose();

    string[] Scan(string command, params string[] more) =>
        [command, "--flair", _flair, "--t1", _t1, "--truth", _truth, "--model", _model, "--threshold", "0.99", .. more];

    [Fact]
    public void Context_writes_its_tables_figure_and_summary()
    {
        string output = _folder.File("context");
        var result = CliRunner.Run(Scan("context", "--out", output, "--max-radius", "4", "--step", "2", "--max-lesions", "2", "--connectivity", "26"));
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("pooled context radius", result.Out);
        Assert.Contains("context: lesion", result.Error);
        foreach (string file in new[] { "context_lesions.tsv", "context_curves.tsv", "context_pooled.tsv", "summary.json", "context_curves.png", "context_curves.svg" })
            Assert.True(File.Exists(Path.Combine(output, file)), file);
        int lesions = File.ReadAllLines(Path.Combine(output, "context_lesions.tsv")).Length - 1;
        Assert.InRange(lesions, 1, 2);
        Assert.Equal(1 + 3 * lesions, File.ReadAllLines(Path.Combine(output, "context_curves.tsv")).Length); // radii 0, 2, 4 mm
        Assert.Equal(26, Summary(output)["connectivity"]!.GetValue<int>());
    }

    [Fact]
    public void Synth_takes_ellipsoid_sizes_and_records_them_and_the_connectivity()
    {
        // The toy brain has white matter clear of the lesion; the sample-like ellipsoid scan has too little.
        var (flair, t1) = ToyBrain.Make(48, 44, 40);
        string flairPath = _folder.File("brain_flair.nii.gz"), t1Path = _folder.File("brain_t1.nii.gz");
        NiftiFile.Write(flair, flairPath);
        NiftiFile.Write(t1, t1Path);
        string output = _folder.File("synth");
        var result = CliRunner.Run(["synth", "--flair", flairPath, "--t1", t1Path, "--model", _model, "--threshold", "0.99", "--out", output, "--radii", "2,2x2x3",
            "--flair-contrasts", "4", "--t1-contrasts", "0", "--repeats", "1", "--samples", "1", "--clearance", "2", "--connectivity", "6"]);
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("radius 2x2x3 mm, FLAIR +4 SD", result.Out);
        var cells = File.ReadAllLines(Path.Combine(output, "synth_cells.tsv"));
        Assert.Equal(1 + 2, cells.Length);
        Assert.EndsWith("\t2\t2\t3", cells[2]);
        var summary = Summary(output);
        Assert.Equal(6, summary["connectivity"]!.GetValue<int>());
        Assert.Equal("[[2,2,2],[2,2,3]]", summary["radii_ijk_mm"]!.ToJsonString());
    }

    [Fact]
    public void Sanity_writes_one_row_per_step_and_method()
    {
        string output = _folder.File("sanity");
        var result = CliRunner.Run(Scan("sanity", "--out", output, "--methods", "smoothgrad", "--samples", "1", "--max-layers", "2", "--max-lesions", "1", "--connectivity", "6"));
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("step 0 (trained): smoothgrad median rho 1.000", result.Out);
        Assert.Equal(1 + 3, File.ReadAllLines(Path.Combine(output, "sanity_layers.tsv")).Length);
        Assert.True(File.Exists(Path.Combine(output, "sanity.png")));
        Assert.Equal(6, Summary(output)["connectivity"]!.GetValue<int>());
    }

    static System.Text.Json.Nodes.JsonNode Summary(string folder) =>
        System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "summary.json")))!;

    [Theory]
    [InlineData("context", "--step", "0", "--step must be a finite number of mm > 0")]
    [InlineData("context", "--plateau-fraction", "1.5", "--plateau-fraction")]
    [InlineData("context", "--lesions", "99", "--lesions: no lesion has id 99")]
    [InlineData("context", "--lesions", "1,x", "--lesions")]
    [InlineData("sanity", "--methods", "occlusion", "--methods")]
    [InlineData("sanity", "--max-layers", "0", "--max-layers")]
    [InlineData("synth", "--radii", "0", "--radii")]
    [InlineData("synth", "--radii", "2,3x3", "--radii: \"3x3\" is not a radius")]
    [InlineData("synth", "--radii", "3x0x5", "--radii: \"3x0x5\" is not a radius")]
    [InlineData("synth", "--flair-contrasts", "1,x", "--flair-contrasts: \"x\" is not a number")]
    [InlineData("synth", "--repeats", "0", "--repeats must be ≥ 1")]
    public void Bad_options_are_one_error_line(string command, string option, string value, string mention)
    {
        CliRunner.AssertBadInput(CliRunner.Run(Scan(command, "--out", _folder.File("x"), option, value)), mention);
        Assert.False(File.Exists(Path.Combine(_folder.File("x"), "summary.json")));
    }

    [Theory]
    [InlineData("context")]
    [InlineData("synth")]
    [InlineData("sanity")]
    public void A_t1_not_overlapping_the_flair_in_world_space_is_refused(string command)
    {
        // 200 mm away: no FLAIR voxel centre lies in its field of view (a T1 that overlaps is resampled instead, issue 14).
        var shifted = Volume<float>.Zeros(ImageGeometry.FromAffine(new GridShape(40, 36, 30), Affine.Identity.Shifted(0, 0, 200)));
        shifted[20, 18, 15] = 1;
        string t1 = _folder.File("shifted.nii.gz");
        NiftiFile.Write(shifted, t1);
        var result = CliRunner.Run(command, "--flair", _flair, "--t1", t1, "--model", _model, "--out", _folder.File("y"));
        CliRunner.AssertBadInput(result, t1, _flair, "overlaps only 0.0%");
    }

    [Fact]
    public void Synth_without_enough_white_matter_says_what_to_change()
    {
        var result = CliRunner.Run(Scan("synth", "--out", _folder.File("s"), "--clearance", "200"));
        CliRunner.AssertBadInput(result, "--clearance");
    }
}
