using System.CommandLine;
using System.Globalization;
using InstanceSaliency.Imaging.Nifti;

namespace InstanceSaliency.Cli.Commands;

/// <summary>`ies info FILE [--json]`: header and intensity summary of a NIfTI file (cli-contract.md).</summary>
static class InfoCommand
{
    public static Command Create(CliConsole console)
    {
        var file = new Argument<string>("FILE") { Description = "A NIfTI-1 or NIfTI-2 file (.nii or .nii.gz)." };
        var json = new Option<bool>("--json") { Description = "Print one JSON document on standard output." };
        var command = new Command("info", "Header and intensity summary of a NIfTI file.") { file, json };
        command.SetAction(parsed =>
        {
            var info = NiftiInfo.Of(parsed.GetValue(file)!);
            console.Out.WriteLine(parsed.GetValue(json) ? Json.Serialize(info) : Describe(parsed.GetValue(file)!, info));
            return CommandLineApp.Success;
        });
        return command;
    }

    static string Describe(string path, NiftiInfo info)
    {
        static string N(double? v) => v?.ToString("G6", CultureInfo.InvariantCulture) ?? "n/a";
        var lines = new List<string>
        {
            path,
            $"  format       {info.Format}, {info.ByteOrder}-endian, {info.Datatype}",
            $"  dims         {string.Join(" × ", info.Dims)}",
            $"  pixdim       {string.Join(" × ", info.Pixdim.Select(p => N(p)))}",
            $"  scaling      slope {N(info.SclSlope)}, inter {N(info.SclInter)}",
            $"  codes        qform {info.QformCode}, sform {info.SformCode}; affine from {info.AffineSource}, orientation {info.Orientation}",
            "  affine",
        };
        lines.AddRange(info.Affine.Select(row => "    " + string.Join("  ", row.Select(v => v.ToString("F4", CultureInfo.InvariantCulture).PadLeft(11)))));
        lines.Add($"  values       min {N(info.Min)}, max {N(info.Max)}, mean {N(info.Mean)}, non-zero {info.Nonzero}");
        return string.Join(Environment.NewLine, lines);
    }
}
