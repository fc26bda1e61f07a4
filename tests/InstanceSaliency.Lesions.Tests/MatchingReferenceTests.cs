using InstanceSaliency.TestSupport;
using System.Text.Json;
using InstanceSaliency.Imaging.Geometry;
using InstanceSaliency.Imaging.Morphology;

namespace InstanceSaliency.Lesions.Tests;

/// <summary>
/// Against an independent numpy/scipy implementation of method.md §3 (tools/reference/lesions_reference.py,
/// tests/fixtures/lesions/matching.json): instances, types, missed lesions and metrics on random masks with an
/// anisotropic, flipped, offset affine.
/// </summary>
public class MatchingReferenceTests
{
    const string File = "matching.json";

    public static TheoryData<string> CaseNames => ReferenceFixtures.Names(File);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Report_equals_the_reference_implementation(string name)
    {
        var c = ReferenceFixtures.Case(File, name);
        var affine = Affine.FromRowMajor(c.GetProperty("affine").EnumerateArray().Select(e => e.GetDouble()).ToArray());
        var geometry = ImageGeometry.FromAffine(ReferenceFixtures.Shape(c), affine);
        var predicted = ReferenceFixtures.Mask(c.GetProperty("prediction"), geometry);
        var truth = ReferenceFixtures.Mask(c.GetProperty("truth"), geometry);
        var options = new LesionInstanceOptions
        {
            Connectivity = Connectivity.FromNeighbours(c.GetProperty("connectivity").GetInt32()),
            MinimumVoxels = c.GetProperty("min_size").GetInt32(),
        };
        var expected = c.GetProperty("expected");

        var report = LesionAnalysis.Run(predicted, truth, options);

        AssertLesions(expected.GetProperty("lesions"), report.Lesions);
        AssertLesions(expected.GetProperty("missed"), report.Missed);
        var m = expected.GetProperty("metrics");
        var actual = report.Metrics!;
        Assert.Equal(m.GetProperty("dice").GetDouble(), actual.Dice, 1e-12);
        Assert.Equal(m.GetProperty("ndsc").GetDouble(), actual.Ndsc, 1e-12);
        Assert.Equal(m.GetProperty("tp").GetInt32(), actual.Tp);
        Assert.Equal(m.GetProperty("fp").GetInt32(), actual.Fp);
        Assert.Equal(m.GetProperty("fn").GetInt32(), actual.Fn);
        AssertRate(m.GetProperty("tpr"), actual.Tpr);
        AssertRate(m.GetProperty("ppv"), actual.Ppv);
        AssertRate(m.GetProperty("fdr"), actual.Fdr);
        AssertRate(m.GetProperty("f1"), actual.F1);
    }

    static void AssertLesions(JsonElement expected, IReadOnlyList<LesionInstance> actual)
    {
        Assert.Equal(expected.GetArrayLength(), actual.Count);
        foreach (var (e, a) in expected.EnumerateArray().Zip(actual))
        {
            Assert.Equal(e.GetProperty("id").GetInt32(), a.Id);
            Assert.Equal(e.GetProperty("voxels").GetInt32(), a.VoxelCount);
            Assert.Equal(e.GetProperty("first_voxel").GetInt32(), a.VoxelIndices[0]);
            Assert.Equal(e.GetProperty("volume_mm3").GetDouble(), a.VolumeMm3, 1e-9);
            Assert.Equal(e.GetProperty("type").GetString(), a.Type.ToContractName());
            var cv = e.GetProperty("centroid_vox");
            Assert.Equal(cv[0].GetDouble(), a.CentroidVoxel.I, 1e-9);
            Assert.Equal(cv[1].GetDouble(), a.CentroidVoxel.J, 1e-9);
            Assert.Equal(cv[2].GetDouble(), a.CentroidVoxel.K, 1e-9);
            var cm = e.GetProperty("centroid_mm");
            Assert.Equal(cm[0].GetDouble(), a.CentroidMm.X, 1e-9);
            Assert.Equal(cm[1].GetDouble(), a.CentroidMm.Y, 1e-9);
            Assert.Equal(cm[2].GetDouble(), a.CentroidMm.Z, 1e-9);
        }
    }

    static void AssertRate(JsonElement expected, double? actual)
    {
        if (expected.ValueKind == JsonValueKind.Null) Assert.Null(actual);
        else Assert.Equal(expected.GetDouble(), actual!.Value, 1e-12);
    }
}
