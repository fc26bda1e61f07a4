using InstanceSaliency.TestSupport;

namespace InstanceSaliency.Imaging.Tests.IO;

/// <summary>The output-path rule every writing command applies before any work (issue 19, item 2).</summary>
public sealed class OutputFolderTests : IDisposable
{
    readonly TemporaryDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    string AFile()
    {
        string file = _folder.File("a-file.txt");
        File.WriteAllText(file, "x");
        return file;
    }

    static string Refused(Action action) => Assert.Throws<InvalidInputException>(action).Message;

    [Fact]
    public void A_new_folder_is_created_with_its_parents_and_returned_in_full()
    {
        string path = Path.Combine(_folder.Path, "a", "b");
        Assert.Equal(path, OutputFolder.Prepare(path, "--out"));
        Assert.True(Directory.Exists(path));
        Assert.Empty(Directory.EnumerateFileSystemEntries(path)); // the write probe is gone
    }

    [Fact]
    public void A_file_given_as_the_folder_is_refused_naming_the_option() =>
        Assert.Contains("--out", Refused(() => OutputFolder.Prepare(AFile(), "--out")));

    [Fact]
    public void A_folder_under_a_file_is_refused()
    {
        string file = AFile();
        Assert.Contains($"{file} is a file", Refused(() => OutputFolder.Prepare(Path.Combine(file, "sub", "dir"), "--out")));
    }

    [Theory]
    [InlineData("/proc/ies-out")]
    [InlineData("/proc/self/ies")]
    [InlineData("/sys/ies")]
    [InlineData("/dev/ies")]
    public void Kernel_file_systems_are_refused(string path) =>
        Assert.Contains("kernel file system", Refused(() => OutputFolder.Prepare(path, "--out")));

    [Fact]
    public void A_folder_that_cannot_be_written_is_refused()
    {
        using var readOnly = new ReadOnlyFolder(_folder.File("read-only"));
        Assert.Contains("cannot be written", Refused(() => OutputFolder.Prepare(readOnly.Path, "--out")));
        Assert.Contains("cannot be created", Refused(() => OutputFolder.Prepare(Path.Combine(readOnly.Path, "inner"), "--out")));
        Assert.Contains("cannot be written", Refused(() => OutputFolder.PrepareFile(Path.Combine(readOnly.Path, "labels.nii.gz"), "--out")));
    }

    [Fact]
    public void A_folder_where_a_file_is_expected_is_refused() =>
        Assert.Contains("is a folder", Refused(() => OutputFolder.PrepareFile(_folder.Path, "--out")));

    [Fact]
    public void A_file_in_a_missing_folder_is_refused() =>
        Assert.Contains("does not exist", Refused(() => OutputFolder.PrepareFile(_folder.File("no/such/labels.nii.gz"), "--out-missed")));

    [Fact]
    public void Stale_temporary_files_of_a_dead_process_are_removed_and_a_live_one_kept()
    {
        string maps = Path.Combine(_folder.Path, "maps");
        Directory.CreateDirectory(maps);
        int dead = DeadProcessId();
        using var running = System.Diagnostics.Process.Start("sleep", "60")!; // another run, still writing
        string stale = Path.Combine(_folder.Path, $".probability.nii.gz.{dead}.{Guid.NewGuid():N}.partial");
        string staleMap = Path.Combine(maps, $".lesion-0001_smoothgrad_flair.nii.gz.{dead}.{Guid.NewGuid():N}.partial");
        string live = Path.Combine(_folder.Path, $".mask.nii.gz.{running.Id}.{Guid.NewGuid():N}.partial");
        string result = Path.Combine(_folder.Path, "probability.nii.gz");
        foreach (string file in new[] { stale, staleMap, live, result }) File.WriteAllText(file, "x");

        OutputFolder.Prepare(_folder.Path, "--out");

        Assert.False(File.Exists(stale));
        Assert.False(File.Exists(staleMap));
        Assert.True(File.Exists(live));
        Assert.True(File.Exists(result));
        running.Kill();
        running.WaitForExit();
    }

    [Fact]
    public void Atomic_writes_name_their_temporary_file_so_the_cleanup_recognises_it()
    {
        string name = AtomicFile.TemporaryName("labels.nii.gz");
        Assert.Matches($@"^\.labels\.nii\.gz\.{Environment.ProcessId}\.[0-9a-f]{{32}}\.partial$", name);
    }

    /// <summary>The id of a process that has exited.</summary>
    static int DeadProcessId()
    {
        using var process = System.Diagnostics.Process.Start("true")!;
        process.WaitForExit();
        return process.Id;
    }
}
