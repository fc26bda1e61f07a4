using InstanceSaliency.TestSupport;
using InstanceSaliency.Imaging.Geometry;
using InstanceSaliency.Imaging.Morphology;

namespace InstanceSaliency.Imaging.Tests.Morphology;

/// <summary>Against scipy.ndimage.label (tools/reference/lesions_reference.py, tests/fixtures/lesions/labelling.json).</summary>
public class ConnectedComponentsReferenceTests
{
    const string File = "labelling.json";

    public static TheoryData<string> CaseNames => ReferenceFixtures.Names(File);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Labels_equal_scipy_renumbered_by_first_voxel(string name)
    {
        var c = ReferenceFixtures.Case(File, name);
        var geometry = ImageGeometry.FromAffine(ReferenceFixtures.Shape(c), Affine.Identity);
        var mask = ReferenceFixtures.Mask(c.GetProperty("mask"), geometry);
        var results = c.GetProperty("results");
        foreach (int neighbours in new[] { 6, 18, 26 })
        {
            var expected = results.GetProperty(neighbours.ToString());
            var labels = ConnectedComponents.Label(mask, Connectivity.FromNeighbours(neighbours));

            Assert.Equal(expected.GetProperty("count").GetInt32(), labels.Count);
            Assert.Equal(expected.GetProperty("sizes").EnumerateArray().Select(e => e.GetInt32()), labels.Sizes);
            Assert.Equal(ReferenceFixtures.UInt16(expected.GetProperty("labels")), labels.Labels.Voxels);
        }
    }

    [Fact]
    public void Fixture_cases_tell_the_connectivities_apart()
    {
        // Guards the fixture: if every case had equal counts, the test above could not catch a wrong neighbourhood.
        var distinct = ReferenceFixtures.Cases(File).EnumerateArray().Count(c =>
        {
            var r = c.GetProperty("results");
            int c6 = r.GetProperty("6").GetProperty("count").GetInt32();
            int c18 = r.GetProperty("18").GetProperty("count").GetInt32();
            int c26 = r.GetProperty("26").GetProperty("count").GetInt32();
            return c6 > c18 && c18 > c26;
        });
        Assert.True(distinct >= 3);
    }
}
