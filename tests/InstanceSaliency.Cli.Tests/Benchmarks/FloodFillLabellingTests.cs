using InstanceSaliency.Imaging.Geometry;
using InstanceSaliency.Imaging.Morphology;
using InstanceSaliency.Imaging.Volumes;
using InstanceSaliency.Benchmarks;

namespace InstanceSaliency.Cli.Tests.Benchmarks;

public class FloodFillLabellingTests
{
    [Theory]
    [InlineData(6)]
    [InlineData(18)]
    [InlineData(26)]
    public void Union_find_labelling_equals_the_naive_flood_fill_on_a_patient_sized_mask(int neighbours)
    {
        var mask = SyntheticLesionMask.PatientSized(seed: 11, blobs: 400);
        var connectivity = Connectivity.FromNeighbours(neighbours);
        Assert.Equal(FloodFillLabelling.Label(mask, connectivity), ConnectedComponents.Label(mask, connectivity).Labels.Voxels);
    }

    [Fact]
    public void Union_find_labelling_equals_the_naive_flood_fill_on_dense_noise()
    {
        var random = new Random(5);
        var voxels = new byte[23 * 19 * 17];
        for (int n = 0; n < voxels.Length; n++) voxels[n] = random.NextDouble() < 0.3 ? (byte)1 : (byte)0;
        var mask = new Volume<byte>(voxels, ImageGeometry.FromAffine(new GridShape(23, 19, 17), Affine.Identity));
        foreach (var connectivity in new[] { Connectivity.Face, Connectivity.FaceEdge, Connectivity.FaceEdgeCorner })
            Assert.Equal(FloodFillLabelling.Label(mask, connectivity), ConnectedComponents.Label(mask, connectivity).Labels.Voxels);
    }

    [Fact]
    public void Benchmark_prints_one_line_per_connectivity_with_identical_labels()
    {
        var mask = new Volume<byte>(new byte[8 * 8 * 8], ImageGeometry.FromAffine(new GridShape(8, 8, 8), Affine.Identity));
        mask[1, 1, 1] = 1;
        mask[2, 2, 2] = 1;
        var output = new StringWriter();

        LabellingBenchmark.Run(output, mask, "tiny", repetitions: 1);

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, lines.Length);
        Assert.Contains("26-connectivity:     1 components", lines[3]);
        Assert.All(lines.Skip(1), l => Assert.Contains("identical", l));
    }
}
