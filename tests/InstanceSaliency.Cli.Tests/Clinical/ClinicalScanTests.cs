using InstanceSaliency.Analysis.ExplainFolder;
using InstanceSaliency.Imaging.Geometry;
using InstanceSaliency.Imaging.Nifti;
using InstanceSaliency.Imaging.Volumes;
using InstanceSaliency.TestSupport;

namespace InstanceSaliency.Cli.Tests.Clinical;

/// <summary>
/// Clinical scans as they come (issue 14) through the command line, on two real MS3SEG scans (<see cref="ClinicalRuns"/>):
/// no refusal, segmentations on the FLAIR's own grid, maps on the model's working grid that overlay the native
/// lesion in world space, ids identical in every output, volumes in world mm.
/// </summary>
public sealed class ClinicalScanTests(ClinicalRuns runs) : IClassFixture<ClinicalRuns>
{
    public static TheoryData<string> Patients => [.. ClinicalRuns.Patients];

    [Theory]
    [MemberData(nameof(Patients))]
    public void Segment_with_a_brain_mask_writes_its_outputs_on_the_flair_grid(string patient)
    {
        var result = runs.Segments[patient];
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("working grid", result.Error);
        var flair = NiftiFile.Read(RepositoryPaths.Ms3seg(patient, "flair.nii.gz"));
        foreach (string name in new[] { "probability.nii.gz", "mask.nii.gz", "labels.nii.gz" })
        {
            var image = NiftiFile.Read(Path.Combine(runs.SegmentFolder(patient), name));
            Assert.Equal(flair.Header.Dims, image.Header.Dims);
            Assert.True(flair.Geometry.Affine.MaxAbsDifference(image.Geometry.Affine) < 1e-4, name);
            Assert.Equal(flair.Header.SformCode, image.Header.SformCode);
        }
        Assert.Contains(NiftiFile.ReadMask(Path.Combine(runs.SegmentFolder(patient), "mask.nii.gz")).Voxels, v => v != 0);
    }

    [Fact]
    public void The_flipped_t1_is_reordered_exactly_and_said_so_in_one_warning()
    {
        var warnings = runs.Segments["104252"].Error.Split('\n').Where(l => l.StartsWith("warning: ", StringComparison.Ordinal)).ToList();
        var warning = Assert.Single(warnings);
        Assert.Contains("t1.nii.gz", warning);
        Assert.Contains("exact, no interpolation", warning);
        Assert.DoesNotContain(runs.Segments["107130"].Error.Split('\n'), l => l.StartsWith("warning: ", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Patients))]
    public void Explain_maps_lie_on_the_working_grid_and_overlay_the_native_lesion_in_world_space(string patient)
    {
        var result = runs.Explains[patient];
        Assert.True(result.ExitCode == 0, result.Error);
        string folder = runs.ExplainFolder(patient);
        var flair = NiftiFile.Read(RepositoryPaths.Ms3seg(patient, "flair.nii.gz"));
        var native = new Dictionary<string, Volume<float>>
        {
            ["predicted"] = NiftiFile.ReadVolume(Path.Combine(folder, ExplainFiles.Labels)),
            ["missed"] = NiftiFile.ReadVolume(Path.Combine(folder, ExplainFiles.Missed)),
        };
        foreach (var labels in native.Values) Assert.True(labels.Geometry.SameGrid(flair.Geometry, 1e-4));

        var working = NiftiFile.ReadVolume(Path.Combine(folder, ExplainFiles.WorkingFlair));
        var workingLabels = NiftiFile.ReadVolume(Path.Combine(folder, ExplainFiles.WorkingLabels));
        Assert.True(NiftiFile.ReadVolume(Path.Combine(folder, ExplainFiles.WorkingT1)).Geometry.SameGrid(working.Geometry));
        Assert.Equal((1.0, 1.0, 1.0), Rounded(working.Geometry.VoxelSizeMm));
        var table = LesionTableFile.Read(Path.Combine(folder, ExplainFiles.LesionTable));
        var rows = table.Rows;
        int voxelsColumn = table.Columns.ToList().IndexOf("voxels"), volumeColumn = table.Columns.ToList().IndexOf("volume_mm3");
        Assert.Equal(runs.ExplainedIds[patient], rows.Select(r => r.Id));
        double voxelMm3 = flair.Geometry.VoxelVolumeMm3;

        foreach (var row in rows)
        {
            foreach (string channel in new[] { "cam", "cam-normalised" })
            {
                var map = NiftiFile.ReadVolume(Path.Combine(folder, ExplainFiles.MapPath(row.Id, "gradcampp", channel)));
                Assert.True(map.Geometry.SameGrid(working.Geometry), $"lesion {row.Id} {channel}: not on the working grid");
            }
            // Ω on the working grid, taken back through the two affines, lands inside the native component of the same id.
            var labels = row.IsMissed ? native["missed"] : native["predicted"];
            var toNative = labels.Affine.Inverse().Multiply(workingLabels.Affine);
            int omega = 0;
            for (int n = 0; n < workingLabels.Voxels.Length; n++)
            {
                if (workingLabels.Voxels[n] != row.Id) continue;
                omega++;
                var (i, j, k) = workingLabels.Shape.Coordinates(n);
                var (x, y, z) = toNative.Apply(i, j, k);
                // Nearest (halves up); a centre within 1e-3 voxel of a half may round either way once the affines went through float32.
                Assert.True(Nearest(x).Any(a => Nearest(y).Any(b => Nearest(z).Any(c => labels[a, b, c] == row.Id))),
                    $"lesion {row.Id}: working voxel ({i}, {j}, {k}) lies at native ({x:F3}, {y:F3}, {z:F3}), outside the native lesion");
            }
            Assert.True(omega > 0, $"lesion {row.Id}: no voxel on the working grid");
            int nativeVoxels = labels.Voxels.Count(v => v == row.Id);
            Assert.Equal(nativeVoxels.ToString(System.Globalization.CultureInfo.InvariantCulture), row.Fields[voxelsColumn]);
            Assert.Equal(nativeVoxels * voxelMm3, double.Parse(row.Fields[volumeColumn], System.Globalization.CultureInfo.InvariantCulture), 1e-2);
        }
    }

    static int[] Nearest(double c) =>
        Math.Abs(c - Math.Floor(c) - 0.5) < 1e-3 ? [(int)Math.Floor(c), (int)Math.Ceiling(c)] : [(int)Math.Floor(c + 0.5)];

    static (double, double, double) Rounded((double I, double J, double K) v) => (Math.Round(v.I, 4), Math.Round(v.J, 4), Math.Round(v.K, 4));
}
