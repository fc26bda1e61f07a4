using System.Text.Json;
using InstanceSaliency.TestSupport;

namespace InstanceSaliency.Cli.Tests.Commands;

public sealed class InfoCommandTests
{
    [Fact]
    public void Json_has_exactly_the_contract_keys_and_nothing_else_on_stdout()
    {
        string path = RepositoryPaths.RealCase("patient26", "flair.nii.gz");
        var result = CliRunner.Run("info", path, "--json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Out);
        var keys = json.RootElement.EnumerateObject().Select(p => p.Name).ToHashSet();
        string[] contract =
        [
            "format", "dims", "pixdim", "datatype", "byte_order", "scl_slope", "scl_inter", "qform_code", "sform_code",
            "affine", "affine_source", "orientation", "min", "max", "mean", "nonzero",
        ];
        Assert.Equal(contract.ToHashSet(), keys);
        Assert.Equal("nifti1", json.RootElement.GetProperty("format").GetString());
        Assert.Equal([182, 218, 182], json.RootElement.GetProperty("dims").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal("LAS", json.RootElement.GetProperty("orientation").GetString());
        Assert.Equal("qform", json.RootElement.GetProperty("affine_source").GetString());
        Assert.Equal(90.0, json.RootElement.GetProperty("affine")[0][3].GetDouble());
    }

    [Fact]
    public void Human_output_names_the_file_and_the_orientation()
    {
        string path = RepositoryPaths.RealCase("patient07", "mask.nii.gz");
        var result = CliRunner.Run("info", path);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains(path, result.Out);
        Assert.Contains("orientation LAS", result.Out);
        Assert.Contains("uint8", result.Out);
    }

    [Fact]
    public void Missing_file_is_one_error_line_with_exit_2()
    {
        string path = "/nonexistent/scan.nii.gz";
        CliRunner.AssertBadInput(CliRunner.Run("info", path, "--json"), path, "no such file");
    }

    [Fact]
    public void Text_file_is_one_error_line_with_exit_2()
    {
        using var folder = new TemporaryDirectory();
        string path = folder.File("notes.nii");
        File.WriteAllText(path, "this is not an image\n");
        CliRunner.AssertBadInput(CliRunner.Run("info", path), path, "text file");
    }

    [Fact]
    public void Missing_argument_and_unknown_option_are_usage_errors()
    {
        CliRunner.AssertBadInput(CliRunner.Run("info"));
        CliRunner.AssertBadInput(CliRunner.Run("info", "x.nii", "--colour"), "--colour");
        CliRunner.AssertBadInput(CliRunner.Run("frobnicate"), "frobnicate");
    }
}
