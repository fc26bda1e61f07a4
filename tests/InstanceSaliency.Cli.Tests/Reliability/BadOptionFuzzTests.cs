using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using Xunit.Abstractions;

namespace InstanceSaliency.Cli.Tests.Reliability;

/// <summary>
/// Issue 19: FsCheck drives every writing command's options with random bad values (numbers out of range or not
/// numbers, unknown or repeated names, malformed id lists, bad paths for inputs and outputs, text with control
/// characters). Whatever it draws: exit 2, nothing on standard output, exactly one <c>error:</c> line, no stack
/// trace, and nothing in the output folder (or the output file not created).
/// </summary>
public sealed class BadOptionFuzzTests(ReliabilityFiles files, ITestOutputHelper output) : IClassFixture<ReliabilityFiles>
{
    /// <summary>How many random bad inputs one run tries.</summary>
    const int Trials = 1000;

    /// <summary>The random draws a bad value is made from.</summary>
    sealed record Draw(int Number, double Real, string Text)
    {
        public int Positive => (int)(Math.Abs((long)Number) % 1_000_000);
        public string Word => "x" + Text; // never a number, never an option name, never a response file (@…)

        /// <summary>An integer ≤ 0, a non-integer, or one above <paramref name="maximum"/> when given.</summary>
        public string CountBelow1(int? maximum = null) => (Positive % 3) switch
        {
            0 => (-(Positive % 1000)).ToString(CultureInfo.InvariantCulture),
            1 when maximum is { } m => ((long)m + 1 + Positive).ToString(CultureInfo.InvariantCulture),
            _ => Word,
        };

        /// <summary>A value outside the open interval (0, 1): ≤ 0, ≥ 1, NaN or infinite.</summary>
        public string OutsideUnit() => Format(double.IsFinite(Real) && Real > 0 && Real < 1 ? Real + 1 : Real);

        /// <summary>A value &lt; 0 or not finite.</summary>
        public string Negative() => Format(double.IsFinite(Real) ? -Math.Abs(Real) - 1e-6 : Real);

        public T Pick<T>(params T[] choices) => choices[Positive % choices.Length];

        static string Format(double v) => v.ToString("R", CultureInfo.InvariantCulture);
    }

    /// <summary>Per command: its valid arguments around --out, and the bad options it is fuzzed with.</summary>
    sealed record Target(string Name, Func<string, string[]> Valid, Func<Draw, string[]>[] Bad, bool OutputIsFile = false);

    Func<Draw, string[]>[] BadOut(bool file = false) =>
    [
        d => ["--out", d.Pick(file ? files.EmptyFolder : files.AFile, Path.Combine(files.AFile, "sub" + d.Positive), $"/proc/ies-fuzz-{d.Positive}", $"/sys/ies-fuzz/{d.Positive}")],
    ];

    Func<Draw, string[]>[] BadScanFiles =>
    [
        d => ["--flair", d.Pick(files.EmptyFolder, files.AFile, files.Fresh("missing") + ".nii.gz")],
        d => ["--t1", d.Pick(files.EmptyFolder, files.AFile, files.Fresh("missing") + ".nii.gz")],
        d => ["--threshold", d.OutsideUnit()],
        d => ["--min-size", d.CountBelow1()],
        d => ["--model", files.Fresh("no-model") + ".iesm"],
    ];

    Func<Draw, string[]>[] BadExplainSettings =>
    [
        d => ["--methods", d.Pick(d.Word, "smoothgrad,smoothgrad", "gradcampp,x" + d.Text, ",")],
        d => ["--samples", d.CountBelow1(10_000)],
        d => ["--samples-max", d.CountBelow1(10_000)],
        d => ["--noise", d.Negative()],
        d => ["--strategy", d.Word],
        d => ["--cam-weights", d.Word],
        d => ["--min-size", d.CountBelow1()],
        d => ["--threshold", d.OutsideUnit()],
    ];

    static Func<Draw, string[]> LesionIds => d => ["--lesions", d.Pick(",,", "0", "1,,2", "1," + d.Word, "-3", d.Word)];

    string[] Scan(string command, string o) => [.. command.Split(' '), "--flair", files.Flair, "--t1", files.T1, "--model", ReliabilityFiles.Model, "--out", o];

    IReadOnlyList<Target> Targets =>
    [
        new("segment", o => Scan("segment", o), [.. BadScanFiles.Where((_, i) => i != 3), .. BadOut(), d => ["--device", d.Word]]),
        new("explain", o => Scan("explain", o), [.. BadScanFiles, .. BadExplainSettings, .. BadOut(), LesionIds, d => ["--cam-layer", "no." + d.Word], d => ["--truth", d.Pick(files.EmptyFolder,
            files.AFile)]]),
        new("context", o => Scan("context", o), [.. BadScanFiles, .. BadOut(), LesionIds,
            d => ["--max-radius", d.Negative()], d => ["--step", d.Pick("0", d.Negative())], d => ["--plateau-fraction", d.Pick("0", "1.5", d.Negative())],
            d => ["--max-lesions", d.CountBelow1()]]),
        new("synth", o => Scan("synth", o), [.. BadScanFiles, .. BadOut(),
            d => ["--radii", d.Pick(d.Word, d.Negative(), "2,2")], d => ["--repeats", d.CountBelow1()], d => ["--edge", d.Negative()],
            d => ["--samples", d.CountBelow1(10_000)], d => ["--noise", d.Negative()]]),
        new("sanity", o => Scan("sanity", o), [.. BadScanFiles, .. BadOut(), LesionIds,
            d => ["--methods", d.Pick("smoothgrad-max", d.Word)], d => ["--samples", d.CountBelow1(10_000)], d => ["--near", d.Negative()],
            d => ["--max-layers", d.CountBelow1()]]),
        new("report", o => ["report", files.RunFolder, "--out", o], [.. BadOut(), d => ["--analysis", files.Fresh("no-analysis")]]),
        new("analyze", o => ["analyze", files.RunFolder, "--out", o], [.. BadOut(),
            d => ["--bootstrap", d.Pick("-1", d.Word)], d => ["--folds", d.Pick("1", "0", d.Word)], d => ["--removal-threshold", d.OutsideUnit()],
            d => ["--l2", d.Negative()]]),
        new("cohort plan", o => ["cohort", "plan", "--bids", files.Bids, "--truth-derivatives", "manual", "--model", ReliabilityFiles.Model, "--out", o],
            [.. BadExplainSettings, .. BadOut(), d => ["--truth-derivatives", d.Word]]),
        new("lesions", o => ["lesions", files.Truth, "--out", o], [.. BadOut(file: true),
            d => ["--connectivity", d.Pick("0", "4", "27", "-6", d.Word)], d => ["--min-size", d.CountBelow1()], d => ["--out-missed", files.Fresh("missed")]],
            OutputIsFile: true),
        new("demo", o => ["demo", "--out", o], [.. BadOut(),
            d => ["--samples", d.CountBelow1(10_000)], d => ["--samples-max", d.CountBelow1(10_000)], d => ["--methods", d.Pick(d.Word, "smoothgrad,smoothgrad")]]),
        new("train", o => ["train", "--cases", files.Cases, "--validation-case", "case1", "--out", o], [.. BadOut(),
            d => ["--steps", d.CountBelow1()], d => ["--batch-size", d.CountBelow1()], d => ["--patch-size", d.Pick("0", "17", "-16", d.Word)],
            d => ["--learning-rate", d.Pick("0", d.Negative())], d => ["--channels", d.Pick(d.Word, "16", "16,-32")]]),
    ];

    [Fact]
    public void Random_bad_options_of_every_command_are_one_error_line_exit_2_and_no_output()
    {
        var targets = Targets;
        _ = files.RunFolder; // made once, before the trials
        var tried = new Dictionary<string, int>();
        var draws =
            from command in Gen.Choose(0, targets.Count - 1)
            from option in Gen.Choose(0, 1000)
            from number in ArbMap.Default.GeneratorFor<int>()
            from real in ArbMap.Default.GeneratorFor<double>()
            from text in ArbMap.Default.GeneratorFor<string>()
            select (command, option, number, real, text);
        var property = Prop.ForAll(draws.ToArbitrary(), trial =>
        {
            var (command, option, number, real, text) = trial;
            var target = targets[command % targets.Count];
            var draw = new Draw(number, real, text ?? "");
            string[] bad = target.Bad[option % target.Bad.Length](draw);
            string output = files.Fresh("fuzz") + (target.OutputIsFile ? ".nii.gz" : "");
            var args = Replace(target.Valid(output), bad);
            string shown = string.Join(' ', args.Select(a => a.Replace("\0", "\\0", StringComparison.Ordinal)));
            var result = CliRunner.Run(args);
            Assert.True(result.ExitCode == 2, $"{shown}: exit {result.ExitCode}; {result.Error}");
            CliRunner.AssertBadInput(result);
            Assert.False(File.Exists(output), shown);
            Assert.True(!Directory.Exists(output) || !Directory.EnumerateFileSystemEntries(output).Any(), $"{shown}: wrote into {output}");
            Assert.Equal("x", File.ReadAllText(files.AFile)); // a file given as --out is never replaced
            tried[$"{target.Name} {bad[0]}"] = tried.GetValueOrDefault($"{target.Name} {bad[0]}") + 1;
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(Trials), property);

        output.WriteLine($"{tried.Values.Sum()} bad inputs tried, every one refused with exit 2 and one error line; by command and option:");
        foreach (var (key, count) in tried.OrderBy(p => p.Key, StringComparer.Ordinal)) output.WriteLine($"  {key}: {count}");
        Assert.Equal(Trials, tried.Values.Sum());
        Assert.True(tried.Keys.Select(k => k.Split(" --")[0]).Distinct().Count() == targets.Count, "every command was tried");
    }

    /// <summary><paramref name="valid"/> with <paramref name="bad"/>'s option replacing its value there, or appended.</summary>
    static string[] Replace(string[] valid, string[] bad)
    {
        var args = valid.ToList();
        int at = args.IndexOf(bad[0]);
        if (at >= 0) args[at + 1] = bad[1];
        else args.AddRange(bad);
        return [.. args];
    }
}
