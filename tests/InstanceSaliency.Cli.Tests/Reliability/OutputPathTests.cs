using InstanceSaliency.TestSupport;

namespace InstanceSaliency.Cli.Tests.Reliability;

/// <summary>
/// Issue 19, item 2: a bad --out is one <c>error:</c> line and exit 2 in every command that writes, before any work.
/// The scan commands get a model path that does not exist: the error naming --out, not the model, shows that the
/// output folder is checked before the model loads.
/// </summary>
public sealed class OutputPathTests(ReliabilityFiles files) : IClassFixture<ReliabilityFiles>
{
    public static TheoryData<string> Writers => new(ReliabilityFiles.WriterNames);

    [Theory]
    [MemberData(nameof(Writers))]
    public void An_existing_file_is_refused(string command)
    {
        // lesions --out expects a file, which may be replaced: its folder-shaped mistake is the next test.
        string expected = command.StartsWith("lesions", StringComparison.Ordinal) ? "is a folder" : "is a file";
        string bad = command.StartsWith("lesions", StringComparison.Ordinal) ? files.EmptyFolder : files.AFile;
        CliRunner.AssertBadInput(CliRunner.Run(files.Writers[command](bad)), expected);
    }

    [Theory]
    [MemberData(nameof(Writers))]
    public void A_path_under_a_file_is_refused(string command) =>
        CliRunner.AssertBadInput(CliRunner.Run(files.Writers[command](Path.Combine(files.AFile, "sub", "out.nii.gz"))), $"{files.AFile} is a file");

    [Theory]
    [MemberData(nameof(Writers))]
    public void Kernel_file_systems_are_refused(string command)
    {
        foreach (string bad in new[] { "/proc/ies-out", "/sys/ies-out/labels.nii.gz" })
            CliRunner.AssertBadInput(CliRunner.Run(files.Writers[command](bad)), "kernel file system");
    }

    [Theory]
    [MemberData(nameof(Writers))]
    public void A_folder_that_cannot_be_written_is_refused(string command)
    {
        using var readOnly = new ReadOnlyFolder(files.Fresh("read-only"));
        string bad = command.StartsWith("lesions", StringComparison.Ordinal) ? Path.Combine(readOnly.Path, "labels.nii.gz") : readOnly.Path;
        CliRunner.AssertBadInput(CliRunner.Run(files.Writers[command](bad)), "cannot be written");
    }

    [Fact]
    public void The_names_cover_every_writer() => Assert.Equal(ReliabilityFiles.WriterNames.Order(), files.Writers.Keys.Order());

    [Fact]
    public void The_scan_commands_check_out_before_the_model()
    {
        foreach (string command in new[] { "segment", "explain", "context", "synth", "sanity", "cohort plan" })
        {
            string error = CliRunner.AssertBadInput(CliRunner.Run(files.Writers[command](files.AFile)), "--out");
            Assert.DoesNotContain("no-such-model", error);
            // and with a good --out the same command names the model: the check above really came first
            error = CliRunner.AssertBadInput(CliRunner.Run(files.Writers[command](files.Fresh("out"))));
            Assert.Contains("no-such-model", error);
        }
    }
}
