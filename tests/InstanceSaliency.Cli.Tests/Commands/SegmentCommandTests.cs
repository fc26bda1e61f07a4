using InstanceSaliency.Imaging.Geometry;
using InstanceSaliency.Imaging.Nifti;
using InstanceSaliency.Imaging.Volumes;
using InstanceSaliency.TestSupport;

namespace InstanceSaliency.Cli.Tests.Commands;

/// <summary>`ies segment` end to end on a crop of a real scan with the small reference U-Net of tests/fixtures/models.</summary>
public sealed class SegmentCommandTests : IDisposable
{
    readonly TemporaryDirectory _folder = new();
    readonly string _flair, _t1, _model = RepositoryPaths.SmallUNet;

    public SegmentCommandTests()
    {
        // A 64×72×56 box around the centre of patient26: small enough for a fast test, real anatomy.
        var box = new GridShape(64, 72, 56);
        _flair = Write("flair.nii.gz", NiftiFile.ReadVolume(RepositoryPaths.RealCase("patient26", "flair.nii.gz")).Reframe(60, 70, 60, box));
        _t1 = Write("t1.nii.gz", NiftiFile.ReadVolume(RepositoryPaths.RealCase("patient26", "t1.nii.gz")).Reframe(60, 70, 60, box));
    }

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void The_models_own_post_processing_is_applied_and_each_part_can_be_overridden()
    {
        // The shipped package with a minimum lesion volume no lesion reaches and no flips: segment applies the minimum
        // (empty mask); --min-lesion-mm3 0 overrides it (lesions at τ 0.05 on this crop of patient26).
        string shipped = Path.Combine(RepositoryPaths.Root, "models", "default", "unet.iesm"), tuned = _folder.File("huge-minimum.iesm");
        var description = Models.Checkpoints.ModelDescription.Parse(PackageEntry(shipped), shipped) with { MinLesionMm3 = 1e9, TestTimeFlips = null };
        Models.Checkpoints.ModelPackage.Rewrite(shipped, description, tuned);
        string Mask(params string[] extra)
        {
            string output = _folder.File($"out-{Guid.NewGuid():N}");
            var result = CliRunner.Run(["segment", "--flair", _flair, "--t1", _t1, "--model", tuned, "--threshold", "0.05", "--out", output, .. extra]);
            Assert.True(result.ExitCode == 0, result.Error);
            Assert.DoesNotContain("flip test-time augmentation", result.Error);
            return Path.Combine(output, "mask.nii.gz");
        }
        Assert.DoesNotContain(NiftiFile.ReadMask(Mask()).Voxels, v => v != 0);
        Assert.Contains(NiftiFile.ReadMask(Mask("--min-lesion-mm3", "0")).Voxels, v => v != 0);
        CliRunner.AssertBadInput(CliRunner.Run("segment", "--flair", _flair, "--t1", _t1, "--tta", "--no-tta", "--out", _folder.File("x")), "--no-tta");
    }

    static string PackageEntry(string package)
    {
        using var archive = System.IO.Compression.ZipFile.OpenRead(package);
        using var reader = new StreamReader(archive.GetEntry("model.json")!.Open());
        return reader.ReadToEnd();
    }

    [Fact]
    public void Writes_probability_mask_and_labels_on_the_input_grid()
    {
        string output = _folder.File("out");
        var result = CliRunner.Run("segment", "--flair", _flair, "--t1", _t1, "--model", _model, "--threshold", "0.5", "--out", output);

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("windows", result.Error);
        var flair = NiftiFile.Read(_flair);
        var probability = NiftiFile.Read(Path.Combine(output, "probability.nii.gz"));
        var mask = NiftiFile.Read(Path.Combine(output, "mask.nii.gz"));
        var labels = NiftiFile.Read(Path.Combine(output, "labels.nii.gz"));
        foreach (var image in new[] { probability, mask, labels })
        {
            Assert.Equal(flair.Header.Dims, image.Header.Dims);
            Assert.Equal(flair.Geometry.Affine, image.Geometry.Affine);
            Assert.Equal(flair.Header.QformCode, image.Header.QformCode);
        }
        Assert.Equal(NiftiDatatype.Float32, probability.Header.Datatype);
        Assert.Equal(NiftiDatatype.UInt8, mask.Header.Datatype);
        var p = (float[])probability.Voxels;
        var m = (byte[])mask.Voxels;
        Assert.All(p, v => Assert.InRange(v, 0f, 1f));
        for (int n = 0; n < p.Length; n++) Assert.Equal(p[n] > 0.5f ? 1 : 0, m[n]);
        var labelVoxels = labels.ToFloatVolume().Voxels;
        for (int n = 0; n < m.Length; n++) Assert.Equal(m[n] != 0, labelVoxels[n] != 0);
    }

    [Fact]
    public void A_t1_on_another_grid_is_resampled_onto_the_flair_with_one_warning()
    {
        // The same T1 one voxel further along i (its affine shifted by 1 mm): resampled through the affines.
        var shifted = NiftiFile.ReadVolume(_t1).Reframe(1, 0, 0, new GridShape(64, 72, 56));
        string t1 = Write("t1-shifted.nii.gz", shifted);
        var result = Segment(_flair, t1);
        Assert.True(result.ExitCode == 0, result.Error);
        var warning = Assert.Single(result.Error.Split('\n'), l => l.StartsWith("warning: " + t1, StringComparison.Ordinal));
        Assert.Contains("resampled onto the FLAIR's grid", warning);
    }

    [Fact]
    public void A_t1_that_does_not_overlap_the_flair_is_refused_naming_the_overlap()
    {
        var t1 = NiftiFile.ReadVolume(_t1);
        string path = Write("t1-far.nii.gz", new Volume<float>(t1.Voxels, t1.Geometry with { Sform = t1.Affine.Shifted(0, 0, 300), SformCode = 2, QformCode = 0 }));
        CliRunner.AssertBadInput(Segment(_flair, path), path, "overlaps only 0.0%");
        Assert.Empty(Directory.GetDirectories(_folder.Path, "out-*"));
    }

    [Fact]
    public void Nan_voxels_are_refused()
    {
        var t1 = NiftiFile.ReadVolume(_t1);
        t1.Voxels[100] = float.NaN;
        string path = Write("t1-nan.nii.gz", t1);
        CliRunner.AssertBadInput(Segment(_flair, path), path, "NaN");
    }

    [Fact]
    public void An_all_zero_channel_is_refused()
    {
        string path = Write("t1-zero.nii.gz", Volume<float>.Zeros(NiftiFile.ReadVolume(_t1).Geometry));
        CliRunner.AssertBadInput(Segment(_flair, path), path, "every voxel is 0");
    }

    [Fact]
    public void A_checkpoint_with_wrong_keys_is_refused_naming_them()
    {
        string model = Path.Combine(RepositoryPaths.Fixtures, "models", "tiny_wrong_key.pt");
        CliRunner.AssertBadInput(Segment(_flair, _t1, model), "tiny_wrong_key.pt");
    }

    [Fact]
    public void Missing_model_file_and_unavailable_cuda_are_refused()
    {
        CliRunner.AssertBadInput(Segment(_flair, _t1, _folder.File("absent.pt")), "absent.pt");
        if (!TorchSharp.torch.cuda.is_available())
            CliRunner.AssertBadInput(CliRunner.Run("segment", "--flair", _flair, "--t1", _t1, "--model", _model, "--device", "cuda", "--out", _folder.File("o")), "cuda");
    }

    [Fact]
    public void Missing_modality_is_a_usage_error() =>
        CliRunner.AssertBadInput(CliRunner.Run("segment", "--flair", _flair, "--model", _model, "--out", _folder.File("o")), "--t1");

    CliRunner.Result Segment(string flair, string t1, string? model = null) =>
        CliRunner.Run("segment", "--flair", flair, "--t1", t1, "--model", model ?? _model, "--out", _folder.File("out-" + Guid.NewGuid().ToString("N")[..6]));

    string Write(string name, Volume<float> volume)
    {
        string path = _folder.File(name);
        NiftiFile.Write(volume, path);
        return path;
    }
}
