using InstanceSaliency.Imaging.Nifti;
using System.Text.Json;
using InstanceSaliency.Imaging.Morphology;
using InstanceSaliency.Imaging.Volumes;
using InstanceSaliency.TestSupport;

namespace InstanceSaliency.Lesions.Tests;

/// <summary>
/// The three shared real masks against scipy/nibabel (tests/fixtures/lesions/real_masks.json): component counts
/// and sizes at 6/18/26, and metrics of derived predictions built the same way as the reference script does.
/// </summary>
public class RealMaskReferenceTests
{
    public static TheoryData<string> Patients => new(RepositoryPaths.RealCases);

    static JsonElement Expected(string patient)
    {
        using var stream = File.OpenRead(Path.Combine(RepositoryPaths.Fixtures, "lesions", "real_masks.json"));
        return JsonDocument.Parse(stream).RootElement.GetProperty("cases").GetProperty(patient).Clone();
    }

    static Volume<byte> Load(string patient) => NiftiFile.ReadMask(RepositoryPaths.RealCase(patient, "mask.nii.gz"));

    [Theory]
    [MemberData(nameof(Patients))]
    public void Component_counts_and_sizes_equal_scipy_at_6_18_and_26(string patient)
    {
        var expected = Expected(patient);
        var mask = Load(patient);
        Assert.Equal(expected.GetProperty("foreground").GetInt32(), BinaryMask.CountForeground(mask));
        foreach (int neighbours in new[] { 6, 18, 26 })
        {
            var e = expected.GetProperty("connectivity").GetProperty(neighbours.ToString());
            var labels = ConnectedComponents.Label(mask, Connectivity.FromNeighbours(neighbours));
            Assert.Equal(e.GetProperty("count").GetInt32(), labels.Count);
            Assert.Equal(e.GetProperty("sizes_descending").EnumerateArray().Select(x => x.GetInt32()), labels.Sizes.OrderDescending());
        }
    }

    [Theory]
    [MemberData(nameof(Patients))]
    public void Mask_dilated_once_scores_dice_and_ndsc_as_the_reference(string patient)
    {
        var expected = Expected(patient).GetProperty("dilated6_vs_mask");
        var mask = Load(patient);

        var report = LesionAnalysis.Run(BinaryDilation.Dilate(mask, Connectivity.Face), mask);

        Assert.Equal(expected.GetProperty("dice").GetDouble(), report.Metrics!.Dice, 1e-12);
        Assert.Equal(expected.GetProperty("ndsc").GetDouble(), report.Metrics.Ndsc, 1e-12);
        Assert.Equal(expected.GetProperty("tp").GetInt32(), report.Metrics.Tp);
        Assert.Equal(0, report.Metrics.Fp);
        Assert.Equal(0, report.Metrics.Fn);
    }

    [Theory]
    [MemberData(nameof(Patients))]
    public void Shifted_partial_prediction_matches_the_reference_lesion_counts_at_min_size_1_and_6(string patient)
    {
        var derived = Expected(patient).GetProperty("shifted_odd_plus_cubes_vs_mask");
        var mask = Load(patient);
        var predicted = ShiftedOddComponentsPlusCubes(mask, derived);

        foreach (int minimum in new[] { 1, 6 })
        {
            var e = derived.GetProperty("results").GetProperty(minimum.ToString());
            var report = LesionAnalysis.Run(predicted, mask, new LesionInstanceOptions { MinimumVoxels = minimum });
            var m = e.GetProperty("metrics");
            Assert.Equal(e.GetProperty("lesion_count").GetInt32(), report.Count);
            Assert.Equal(m.GetProperty("tp").GetInt32(), report.Metrics!.Tp);
            Assert.Equal(m.GetProperty("fp").GetInt32(), report.Metrics.Fp);
            Assert.Equal(m.GetProperty("fn").GetInt32(), report.Metrics.Fn);
            Assert.Equal(m.GetProperty("dice").GetDouble(), report.Metrics.Dice, 1e-12);
            Assert.Equal(m.GetProperty("ndsc").GetDouble(), report.Metrics.Ndsc, 1e-12);
            Assert.Equal(m.GetProperty("f1").GetDouble(), report.Metrics.F1!.Value, 1e-12);
            Assert.Equal(e.GetProperty("missed_ids").EnumerateArray().Select(x => x.GetInt32()), report.Missed.Select(l => l.Id));
            Assert.Equal(e.GetProperty("missed_voxels").EnumerateArray().Select(x => x.GetInt32()), report.Missed.Select(l => l.VoxelCount));
        }
    }

    /// <summary>As the reference script: shift +2 voxels along i, keep odd 18-component ids, add the listed cubes.</summary>
    static Volume<byte> ShiftedOddComponentsPlusCubes(Volume<byte> mask, JsonElement recipe)
    {
        int shift = recipe.GetProperty("shift_i").GetInt32();
        int size = recipe.GetProperty("cube_size").GetInt32();
        var s = mask.Shape;
        var shifted = Volume<byte>.Zeros(mask.Geometry);
        for (int k = 0; k < s.K; k++)
            for (int j = 0; j < s.J; j++)
                for (int i = shift; i < s.I; i++)
                    shifted[i, j, k] = mask[i - shift, j, k];
        var labels = ConnectedComponents.Label(shifted, Connectivity.FaceEdge).Labels;
        var predicted = shifted.WithVoxels(labels.Voxels.Select(id => (byte)(id % 2)).ToArray());
        foreach (var cube in recipe.GetProperty("cubes").EnumerateArray())
        {
            int ci = cube[0].GetInt32(), cj = cube[1].GetInt32(), ck = cube[2].GetInt32();
            for (int k = ck; k < ck + size; k++)
                for (int j = cj; j < cj + size; j++)
                    for (int i = ci; i < ci + size; i++)
                        predicted[i, j, k] = 1;
        }
        return predicted;
    }
}
