using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using InstanceSaliency.Imaging.Nifti;
using InstanceSaliency.Imaging.Volumes;
using InstanceSaliency.Lesions;
using InstanceSaliency.Models.Checkpoints;
using InstanceSaliency.Models.Networks;
using InstanceSaliency.Models.Runtime;
using InstanceSaliency.Pipeline.FalsePositives;
using InstanceSaliency.TestSupport;

namespace InstanceSaliency.Cli.Tests.Commands;

/// <summary>
/// The false-positive filter of a package (issue 17) through `segment --fp-filter`, `explain --fp-filter` and `train fp-filter`,
/// with the small test U-Net packaged at τ = 0.64, where it predicts dozens of 1–2-voxel components on the synthetic scan.
/// </summary>
public sealed class FpFilterCommandTests : IDisposable
{
    readonly TemporaryDirectory _folder = new();
    readonly string _flair, _t1, _plain;

    public FpFilterCommandTests()
    {
        var (flair, t1) = SyntheticScan.Ellipsoid(40, 36, 30);
        (_flair, _t1) = (_folder.Write("flair.nii.gz", flair), _folder.Write("t1.nii.gz", t1));
        _plain = Package("plain.iesm", 0.64);
    }

    public void Dispose() => _folder.Dispose();

    string Package(string name, double threshold)
    {
        string path = _folder.File(name);
        using var model = ModelLoader.Load(RepositoryPaths.SmallUNet, ComputeContext.Cpu);
        ModelPackage.Save((MonaiUNet)model.Module, model.Description with { Threshold = threshold }, path);
        return path;
    }

    /// <summary>A hand-built filter that flags every lesion of ≥ 1.5 mm³ (2 voxels and more), reading a saliency feature with weight 0.</summary>
    string VolumeFilterPackage()
    {
        var filter = new FalsePositiveFilter
        {
            Features = [FilterFeatures.LogVolume, "smoothgrad_flair_peak"],
            Means = [0, 0], StandardDeviations = [1, 1], Coefficients = [10, 0], Intercept = -10 * Math.Log(1.5), Threshold = 0.5,
        };
        string path = _folder.File("filtered.iesm");
        using var model = ModelLoader.Load(_plain, ComputeContext.Cpu);
        ModelPackage.Rewrite(_plain, model.Description with { FpFilter = filter }, path);
        return path;
    }

    [Fact]
    public void A_hand_built_filter_drops_exactly_the_lesions_it_flags_from_mask_and_labels_and_flags_them_in_lesions_tsv()
    {
        var plain = CliRunner.Run("segment", "--flair", _flair, "--t1", _t1, "--model", _plain, "--out", _folder.File("plain"));
        Assert.True(plain.ExitCode == 0, plain.Error);
        string model = VolumeFilterPackage();
        var filtered = CliRunner.Run("segment", "--flair", _flair, "--t1", _t1, "--model", model, "--fp-filter", "--out", _folder.File("filtered"));
        Assert.True(filtered.ExitCode == 0, filtered.Error);
        Assert.Contains("segment: fp-filter:", filtered.Error);

        var before = LesionExtraction.Extract(NiftiFile.ReadMask(_folder.File("plain/mask.nii.gz")), new LesionInstanceOptions());
        var dropped = before.Lesions.Where(l => l.VoxelCount >= 2).ToList();
        Assert.NotEmpty(dropped);
        Assert.NotEqual(before.Lesions.Count, dropped.Count);
        var mask = NiftiFile.ReadMask(_folder.File("filtered/mask.nii.gz"));
        var droppedVoxels = dropped.SelectMany(l => l.VoxelIndices).ToHashSet();
        var beforeMask = NiftiFile.ReadMask(_folder.File("plain/mask.nii.gz"));
        for (int n = 0; n < mask.Voxels.Length; n++) Assert.Equal(droppedVoxels.Contains(n) ? 0 : beforeMask.Voxels[n], mask.Voxels[n]);
        var labels = NiftiFile.ReadVolume(_folder.File("filtered/labels.nii.gz"));
        Assert.Equal(LesionExtraction.Extract(mask, new LesionInstanceOptions()).Labels.Voxels.Select(v => (float)v), labels.Voxels);
        Assert.Equal(File.ReadAllBytes(_folder.File("plain/probability.nii.gz")), File.ReadAllBytes(_folder.File("filtered/probability.nii.gz")));
        var table = File.ReadAllLines(_folder.File("filtered/fp_filter.tsv")).Skip(1).Select(l => l.Split('\t')).ToList();
        Assert.Equal(before.Lesions.Count, table.Count);
        Assert.Equal(dropped.Select(l => l.Id.ToString()), table.Where(r => r[4] == "true").Select(r => r[0]));

        var explain = CliRunner.Run("explain", "--flair", _flair, "--t1", _t1, "--model", model, "--fp-filter", "--methods", "smoothgrad", "--samples", "1", "--noise", "0",
            "--min-size", "1", "--out", _folder.File("explain"));
        Assert.True(explain.ExitCode == 0, explain.Error);
        var lines = File.ReadAllLines(_folder.File("explain/lesions.tsv"));
        var header = lines[0].Split('\t');
        var rows = lines.Skip(1).Select(l => l.Split('\t')).ToList();
        int filteredColumn = Array.IndexOf(header, "filtered");
        Assert.Equal("fp_probability", header[filteredColumn + 1]);
        Assert.Equal(before.Lesions.Count, rows.Count);
        Assert.Equal(dropped.Select(l => l.Id.ToString()), rows.Where(r => r[filteredColumn] == "true").Select(r => r[0]));
        var explainLabels = NiftiFile.ReadVolume(_folder.File("explain/labels.nii.gz")).Voxels;
        var explainFiltered = NiftiFile.ReadVolume(_folder.File("explain/filtered.nii.gz")).Voxels;
        foreach (var lesion in before.Lesions)
        {
            bool isDropped = dropped.Contains(lesion);
            Assert.All(lesion.VoxelIndices, v => Assert.Equal(isDropped ? 0 : lesion.Id, explainLabels[v]));
            Assert.All(lesion.VoxelIndices, v => Assert.Equal(isDropped ? lesion.Id : 0, explainFiltered[v]));
        }
        using var run = JsonDocument.Parse(File.ReadAllText(_folder.File("explain/run.json")));
        Assert.Equal(dropped.Select(l => l.Id), run.RootElement.GetProperty("fp_filter").GetProperty("filtered_ids").EnumerateArray().Select(e => e.GetInt32()));
    }

    [Fact]
    public void Fp_filter_with_a_package_without_a_filter_is_one_error_line_naming_the_model_and_the_fix()
    {
        CliRunner.AssertBadInput(CliRunner.Run("segment", "--flair", _flair, "--t1", _t1, "--model", _plain, "--fp-filter", "--out", _folder.File("s")),
            "plain.iesm", "no fp_filter", "ies train fp-filter");
        CliRunner.AssertBadInput(CliRunner.Run("explain", "--flair", _flair, "--t1", _t1, "--model", _plain, "--fp-filter", "--out", _folder.File("e")),
            "plain.iesm", "no fp_filter", "ies train fp-filter");
        Assert.False(File.Exists(_folder.File("s/mask.nii.gz")));
        Assert.False(File.Exists(_folder.File("e/run.json")));
    }

    /// <summary>Four scans of two "sites" (ellipsoids of different sizes); truth = every other predicted component of the plain package, so both TP and FP exist.</summary>
    string Manifest()
    {
        string other = Package("other-site.iesm", 0.64);
        var lines = new List<string> { "name\tsite\tflair\tt1\tmask\tsplit\tpredictions_model" };
        foreach (var (name, site, split, shape) in new[] { ("a1", "a", "train", (40, 36, 30)), ("a2", "a", "validation", (40, 36, 32)), ("b1", "b", "train", (44, 36, 30)),
            ("b2", "b", "validation", (40, 40, 30)) })
        {
            var (flair, t1) = SyntheticScan.Ellipsoid(shape.Item1, shape.Item2, shape.Item3);
            string f = _folder.Write($"{name}_flair.nii.gz", flair), t = _folder.Write($"{name}_t1.nii.gz", t1);
            var segment = CliRunner.Run("segment", "--flair", f, "--t1", t, "--model", _plain, "--out", _folder.File($"{name}_seg"));
            Assert.True(segment.ExitCode == 0, segment.Error);
            var labels = NiftiFile.ReadVolume(_folder.File($"{name}_seg/labels.nii.gz"));
            _folder.Write($"{name}_mask.nii.gz", labels.Map(v => (byte)(v > 0 && (int)v % 2 == 1 ? 1 : 0)));
            lines.Add($"{name}\t{site}\t{name}_flair.nii.gz\t{name}_t1.nii.gz\t{name}_mask.nii.gz\t{split}\t{(site == "a" ? "other-site.iesm" : "")}");
        }
        File.WriteAllLines(_folder.File("m.tsv"), lines);
        return _folder.File("m.tsv");
    }

    [Fact]
    public void Train_fp_filter_fits_a_filter_from_two_sites_stores_it_with_the_same_weights_and_repeats_byte_for_byte()
    {
        string manifest = Manifest();
        var first = CliRunner.Run("train", "fp-filter", "--manifest", manifest, "--model", _plain, "--out", _folder.File("f1.iesm"), "--seed", "3", "--threads", "1");
        Assert.True(first.ExitCode == 0, first.Error);
        var second = CliRunner.Run("train", "fp-filter", "--manifest", manifest, "--model", _plain, "--out", _folder.File("f2.iesm"), "--seed", "3", "--threads", "1");
        Assert.True(second.ExitCode == 0, second.Error);
        Assert.Equal(SHA256.HashData(File.ReadAllBytes(_folder.File("f1.iesm"))), SHA256.HashData(File.ReadAllBytes(_folder.File("f2.iesm"))));
        Assert.Equal(first.Out, second.Out);
        Assert.Contains("threshold rule:", first.Out);
        Assert.Contains("\nall\t", first.Out);
        Assert.Contains("\nnon-saliency\t3\t", first.Out);

        using (var archive = ZipFile.OpenRead(_folder.File("f1.iesm")))
        using (var source = ZipFile.OpenRead(_plain))
        {
            Assert.Equal(Bytes(source, "state_dict.pt"), Bytes(archive, "state_dict.pt"));
            using var json = JsonDocument.Parse(Bytes(archive, "model.json"));
            var filter = json.RootElement.GetProperty("fp_filter");
            Assert.Equal(1, filter.GetProperty("format_version").GetInt32());
            var provenance = filter.GetProperty("provenance");
            Assert.Equal(["a1", "b1"], provenance.GetProperty("training_scans").EnumerateArray().Select(e => e.GetString()));
            Assert.Equal(["a2", "b2"], provenance.GetProperty("validation_scans").EnumerateArray().Select(e => e.GetString()));
            Assert.True(provenance.GetProperty("true_positives").GetInt32() > 0 && provenance.GetProperty("false_positives").GetInt32() > 0);
            Assert.Contains($"train {provenance.GetProperty("true_positives").GetInt32()} TP, {provenance.GetProperty("false_positives").GetInt32()} FP", first.Out);
        }
        var segment = CliRunner.Run("segment", "--flair", _flair, "--t1", _t1, "--model", _folder.File("f1.iesm"), "--fp-filter", "--out", _folder.File("seg"));
        Assert.True(segment.ExitCode == 0, segment.Error);
        Assert.True(File.Exists(_folder.File("seg/fp_filter.tsv")));
    }

    static byte[] Bytes(ZipArchive archive, string entry)
    {
        using var stream = new MemoryStream();
        using (var s = archive.GetEntry(entry)!.Open()) s.CopyTo(stream);
        return stream.ToArray();
    }
}
