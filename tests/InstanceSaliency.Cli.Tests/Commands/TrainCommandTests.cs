using System.IO.Compression;
using System.Text.Json;
using InstanceSaliency.Imaging.Nifti;
using InstanceSaliency.Imaging.Volumes;
using InstanceSaliency.TestSupport;

namespace InstanceSaliency.Cli.Tests.Commands;

/// <summary>
/// `ies train`, `train evaluate --manifest` and `train postprocess` end to end on small synthetic scans of two "sites":
/// the package records its working grid and the chosen post-processing, and the evaluation prints the baseline and
/// per-site means.
/// </summary>
public sealed class TrainCommandTests : IDisposable
{
    readonly TemporaryDirectory _folder = new();

    string Manifest()
    {
        var lines = new List<string> { "name\tsite\tflair\tt1\tmask\tsplit" };
        foreach (var (name, site, split, ci) in new[] { ("a1", "a", "train", 14), ("a2", "a", "validation", 18), ("b1", "b", "validation", 22) })
        {
            var (flair, t1) = SyntheticScan.Ellipsoid(40, 36, 32);
            var truth = Volume<byte>.Zeros(flair.Geometry);
            for (int k = 12; k < 16; k++)
                for (int j = 15; j < 19; j++)
                    for (int i = ci; i < ci + 4; i++)
                    {
                        truth[i, j, k] = 1;
                        flair[i, j, k] *= 1.8f;
                    }
            Directory.CreateDirectory(_folder.File(name));
            NiftiFile.Write(flair, _folder.File($"{name}/flair.nii.gz"));
            NiftiFile.Write(t1, _folder.File($"{name}/t1.nii.gz"));
            NiftiFile.Write(truth, _folder.File($"{name}/mask.nii.gz"));
            lines.Add($"{name}\t{site}\t{name}/flair.nii.gz\t{name}/t1.nii.gz\t{name}/mask.nii.gz\t{split}");
        }
        File.WriteAllLines(_folder.File("m.tsv"), lines);
        return _folder.File("m.tsv");
    }

    static JsonElement Description(string package)
    {
        using var archive = ZipFile.OpenRead(package);
        using var reader = new StreamReader(archive.GetEntry("model.json")!.Open());
        return JsonDocument.Parse(reader.ReadToEnd()).RootElement.Clone();
    }

    [Fact]
    public void A_trained_package_is_evaluated_per_site_beside_the_baseline_and_its_post_processing_is_chosen_and_stored()
    {
        string manifest = Manifest(), output = _folder.File("out");
        var train = CliRunner.Run("train", "--manifest", manifest, "--out", output, "--steps", "2", "--batch-size", "1", "--patch-size", "16",
            "--channels", "4,8", "--validate-every", "0", "--threads", "1");
        Assert.True(train.ExitCode == 0, train.Error);
        string model = Path.Combine(output, "best.iesm");
        var description = Description(model);
        Assert.Equal([1.0, 1.0, 1.0], description.GetProperty("spacing_mm").EnumerateArray().Select(v => v.GetDouble()));
        Assert.Equal("LAS", description.GetProperty("axis_convention").GetString());

        var evaluate = CliRunner.Run("train", "evaluate", "--model", model, "--manifest", manifest, "--threads", "1");
        Assert.True(evaluate.ExitCode == 0, evaluate.Error);
        var rows = evaluate.Out.Split('\n').Where(l => l.StartsWith("none\t", StringComparison.Ordinal)).ToList();
        // Two validation scans (a2, b1), then a mean for each site.
        Assert.Contains(rows, r => r.Contains("\ta\ta2\t", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Contains("\tb\tb1\t", StringComparison.Ordinal));
        Assert.DoesNotContain(rows, r => r.Contains("\ta1\t", StringComparison.Ordinal));
        Assert.Contains("baseline_f1", evaluate.Out);
        var siteMeans = rows.Where(r => r.Split('\t').Length == 13).ToList();
        Assert.Equal(["a", "b"], siteMeans.Select(r => r.Split('\t')[2]));
        Assert.All(siteMeans, r => Assert.Contains(r.Split('\t')[^1], new[] { "yes", "no" }));

        string tuned = _folder.File("tuned.iesm");
        var post = CliRunner.Run("train", "postprocess", "--model", model, "--manifest", manifest, "--out", tuned, "--no-flips", "--threads", "1");
        Assert.True(post.ExitCode == 0, post.Error);
        Assert.Contains("postprocess: chose τ", post.Error);
        var stored = Description(tuned);
        var validation = stored.GetProperty("validation");
        Assert.Equal(["a", "b"], validation.GetProperty("sites").EnumerateArray().Select(s => s.GetProperty("site").GetString()));
        Assert.Equal(["a2", "b1"], validation.GetProperty("scans").EnumerateArray().Select(s => s.GetProperty("scan").GetString()));
        Assert.Equal(description.GetProperty("channels").ToString(), stored.GetProperty("channels").ToString());
    }

    [Fact]
    public void Evaluate_needs_a_manifest_or_a_scan_and_postprocess_a_package()
    {
        CliRunner.AssertBadInput(CliRunner.Run("train", "evaluate", "--model", "m.iesm"), "--manifest");
        CliRunner.AssertBadInput(CliRunner.Run("train", "postprocess", "--model", "m.pt", "--manifest", "x.tsv", "--out", _folder.File("o.iesm")), "m.pt");
        CliRunner.AssertBadInput(CliRunner.Run("train", "--cases", _folder.Path, "--out", _folder.File("o"), "--spacing-mm", "1,1"), "--spacing-mm");
    }

    public void Dispose() => _folder.Dispose();
}
