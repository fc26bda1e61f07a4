using InstanceSaliency.Imaging.Nifti;
using InstanceSaliency.Imaging.Volumes;
using InstanceSaliency.TestSupport;

namespace InstanceSaliency.Cli.Tests.Reliability;

/// <summary>
/// Valid inputs for every writing command (a small synthetic scan with a ground truth, the small test U-Net, a BIDS
/// cohort, a training case folder) and the bad output paths of issue 19, item 2.
/// </summary>
public sealed class ReliabilityFiles : IDisposable
{
    readonly TemporaryDirectory _folder = new();

    public ReliabilityFiles()
    {
        var (flair, t1) = SyntheticScan.Ellipsoid(40, 36, 30);
        var truth = Volume<byte>.Zeros(flair.Geometry);
        for (int k = 12; k < 14; k++) for (int j = 15; j < 18; j++) for (int i = 14; i < 17; i++) truth[i, j, k] = 1;
        NiftiFile.Write(flair, Flair = _folder.File("flair.nii.gz"));
        NiftiFile.Write(t1, T1 = _folder.File("t1.nii.gz"));
        NiftiFile.Write(truth, Truth = _folder.File("truth.nii.gz"));
        Bids = _folder.File("bids");
        SyntheticCohort.WriteBids(Bids, subjects: 1);
        Cases = _folder.File("cases");
        Directory.CreateDirectory(Path.Combine(Cases, "case1"));
        foreach (var (name, source) in new[] { ("flair.nii.gz", Flair), ("t1.nii.gz", T1), ("mask.nii.gz", Truth) })
            File.Copy(source, Path.Combine(Cases, "case1", name));
        Directory.CreateDirectory(EmptyFolder = _folder.File("empty"));
        File.WriteAllText(AFile = _folder.File("a-file.txt"), "x");
        _run = new Lazy<string>(() =>
        {
            string run = _folder.File("run");
            var result = CliRunner.Run("explain", "--flair", Flair, "--t1", T1, "--truth", Truth, "--model", Model, "--out", run,
                "--methods", "smoothgrad", "--samples", "1", "--threshold", "0.99");
            return result.ExitCode == 0 ? run : throw new InvalidOperationException(result.Error);
        });
    }

    public string Flair { get; }
    public string T1 { get; }
    public string Truth { get; }
    public string Bids { get; }
    public string Cases { get; }
    public string EmptyFolder { get; }
    public string AFile { get; }
    public static string Model => SyntheticCohort.Model;

    /// <summary>A model path that does not exist: a command that reaches the model first names it, not --out.</summary>
    public string MissingModel => _folder.File("no-such-model.iesm");

    /// <summary>A fresh path inside the temporary folder (not created).</summary>
    public string Fresh(string name) => _folder.File($"{name}-{Guid.NewGuid():N}");

    /// <summary>The keys of <see cref="Writers"/>: every command (and lesions' two output options) that writes.</summary>
    public static readonly string[] WriterNames =
        ["segment", "explain", "context", "synth", "sanity", "report", "analyze", "cohort plan", "lesions --out", "lesions --out-missed", "demo", "train"];

    /// <summary>Every command that writes, with valid inputs, as a function of its --out value.</summary>
    public IReadOnlyDictionary<string, Func<string, string[]>> Writers => new Dictionary<string, Func<string, string[]>>
    {
        ["segment"] = o => ["segment", "--flair", Flair, "--t1", T1, "--model", MissingModel, "--out", o],
        ["explain"] = o => ["explain", "--flair", Flair, "--t1", T1, "--model", MissingModel, "--out", o],
        ["context"] = o => ["context", "--flair", Flair, "--t1", T1, "--model", MissingModel, "--out", o],
        ["synth"] = o => ["synth", "--flair", Flair, "--t1", T1, "--model", MissingModel, "--out", o],
        ["sanity"] = o => ["sanity", "--flair", Flair, "--t1", T1, "--model", MissingModel, "--out", o],
        ["report"] = o => ["report", EmptyFolder, "--out", o],
        ["analyze"] = o => ["analyze", EmptyFolder, "--out", o],
        ["cohort plan"] = o => ["cohort", "plan", "--bids", Bids, "--model", MissingModel, "--out", o],
        ["lesions --out"] = o => ["lesions", Truth, "--out", o],
        ["lesions --out-missed"] = o => ["lesions", Truth, "--truth", Truth, "--out-missed", o],
        ["demo"] = o => ["demo", "--out", o],
        ["train"] = o => ["train", "--cases", Cases, "--validation-case", "case1", "--out", o],
    };

    /// <summary>A complete explain folder of the scan (one missed lesion, SmoothGrad with one sample), made on first use.</summary>
    public string RunFolder => _run.Value;

    readonly Lazy<string> _run;

    public void Dispose() => _folder.Dispose();
}
