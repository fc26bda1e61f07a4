using InstanceSaliency.Imaging.Geometry;
using InstanceSaliency.Imaging.Nifti;
using InstanceSaliency.Imaging.Volumes;
using InstanceSaliency.TestSupport;

namespace InstanceSaliency.Cli.Tests.Clinical;

/// <summary>
/// Bad clinical input (issue 14), built from MS3SEG 104252: each is one `error:` line naming the file and what is
/// wrong, exit 2, and no output folder, from `segment` and from `explain` alike.
/// </summary>
public sealed class ClinicalBadInputTests : IDisposable
{
    const string Patient = "104252";
    readonly TemporaryDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    public static TheoryData<string> Commands => ["segment", "explain"];

    [Theory]
    [MemberData(nameof(Commands))]
    public void An_empty_brain_mask_is_refused(string command)
    {
        var mask = NiftiFile.ReadVolume(RepositoryPaths.Ms3seg(Patient, "brain_mask.nii.gz"));
        string path = Write("empty-mask.nii.gz", Volume<float>.Zeros(mask.Geometry));
        AssertRefused(Run(command, brainMask: path), path, "the brain mask is empty");
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void A_brain_mask_that_does_not_overlap_the_flair_is_refused(string command)
    {
        var mask = NiftiFile.ReadVolume(RepositoryPaths.Ms3seg(Patient, "brain_mask.nii.gz"));
        string path = Write("far-mask.nii.gz", Shifted(mask, 300));
        AssertRefused(Run(command, brainMask: path), path, "overlaps only 0.0%");
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void A_t1_that_does_not_overlap_the_flair_is_refused(string command)
    {
        var t1 = NiftiFile.ReadVolume(RepositoryPaths.Ms3seg(Patient, "t1.nii.gz"));
        string path = Write("far-t1.nii.gz", Shifted(t1, 300));
        AssertRefused(Run(command, t1: path), path, "overlaps only 0.0%");
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void A_2d_flair_is_refused(string command)
    {
        var flair = NiftiFile.ReadVolume(RepositoryPaths.Ms3seg(Patient, "flair.nii.gz"));
        string path = Write("slice.nii.gz", flair.Reframe(0, 0, 10, new GridShape(flair.Shape.I, flair.Shape.J, 1)));
        AssertRefused(Run(command, flair: path), path, "2D image");
    }

    /// <summary>The same voxels with the affine moved <paramref name="slices"/> voxels along k (far out of the head).</summary>
    static Volume<float> Shifted(Volume<float> volume, int slices) =>
        new(volume.Voxels, volume.Geometry with { Sform = volume.Affine.Shifted(0, 0, slices), SformCode = 2, QformCode = 0 });

    void AssertRefused(CliRunner.Result result, string path, string mention)
    {
        CliRunner.AssertBadInput(result, path, mention);
        Assert.False(Directory.Exists(_folder.File("out")), "an output folder was created");
    }

    CliRunner.Result Run(string command, string? flair = null, string? t1 = null, string? brainMask = null)
    {
        string[] args =
        [
            command, "--flair", flair ?? RepositoryPaths.Ms3seg(Patient, "flair.nii.gz"), "--t1", t1 ?? RepositoryPaths.Ms3seg(Patient, "t1.nii.gz"),
            "--brain-mask", brainMask ?? RepositoryPaths.Ms3seg(Patient, "brain_mask.nii.gz"), "--out", _folder.File("out"),
        ];
        return CliRunner.Run(command == "explain" ? [.. args, "--methods", "gradcampp", "--lesions", "1"] : args);
    }

    string Write(string name, Volume<float> volume)
    {
        string path = _folder.File(name);
        NiftiFile.Write(volume, path);
        return path;
    }
}
