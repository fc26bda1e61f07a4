using System.IO.Compression;
using InstanceSaliency.Imaging.Geometry;
using InstanceSaliency.Imaging.Volumes;
using InstanceSaliency.Models.Checkpoints;
using InstanceSaliency.Models.Segmentation;
using InstanceSaliency.Models.Training;
using InstanceSaliency.TestSupport;

namespace InstanceSaliency.Models.Tests.Training;

public sealed class ModelPostprocessingTests
{
    static Volume<byte> Mask(double voxelMm, params (int I, int J, int K)[] voxels)
    {
        var mask = Volume<byte>.Zeros(ImageGeometry.FromAffine(new GridShape(12, 12, 6), Affine.Diagonal(voxelMm, voxelMm, voxelMm)));
        foreach (var (i, j, k) in voxels) mask[i, j, k] = 1;
        return mask;
    }

    [Fact]
    public void Lesions_under_the_minimum_world_volume_are_removed()
    {
        // Voxels of 2 mm (8 mm³): a 2-voxel lesion is 16 mm³, a 3-voxel one 24 mm³.
        var mask = Mask(2, (1, 1, 1), (2, 1, 1), (8, 8, 3), (9, 8, 3), (10, 8, 3));
        var kept = ModelPostprocessing.RemoveSmallLesions(mask, 20);
        Assert.Equal(0, kept[1, 1, 1] + kept[2, 1, 1]);
        Assert.Equal(3, kept[8, 8, 3] + kept[9, 8, 3] + kept[10, 8, 3]);
        Assert.Equal(5, ModelPostprocessing.RemoveSmallLesions(mask, 16).Voxels.Sum(v => v));
        Assert.Same(mask, ModelPostprocessing.RemoveSmallLesions(mask, 0));
    }

    [Fact]
    public void The_mask_is_the_threshold_then_the_minimum()
    {
        var geometry = ImageGeometry.FromAffine(new GridShape(12, 12, 6), Affine.Diagonal(1, 1, 1));
        var p = Volume<float>.Zeros(geometry);
        p[1, 1, 1] = 0.9f;
        for (int i = 5; i < 9; i++) p[i, 5, 2] = 0.45f;
        Assert.Equal(4, new ModelPostprocessing(0.4, 2, false).Mask(p).Voxels.Sum(v => v));
        Assert.Equal(1, new ModelPostprocessing(0.5, 0, false).Mask(p).Voxels.Sum(v => v));
    }

    [Fact]
    public void The_post_processing_round_trips_through_the_package_and_the_weights_stay_byte_identical()
    {
        using var folder = new TemporaryDirectory();
        string source = Path.Combine(RepositoryPaths.Root, "models", "default", "unet.iesm"), copy = folder.File("tuned.iesm");
        var description = ModelDescription.Parse(Entry(source, "model.json"), source);
        var chosen = new ModelPostprocessing(0.4, 20, true);
        ModelPackage.Rewrite(source, chosen.StoreIn(description), copy);
        string json = Entry(copy, "model.json");
        Assert.Contains("\"min_lesion_mm3\": 20", json);
        Assert.Contains("\"test_time_flips\": true", json);
        Assert.Equal(chosen, ModelPostprocessing.Of(ModelDescription.Parse(json, copy)));
        Assert.Equal(Bytes(source, "state_dict.pt"), Bytes(copy, "state_dict.pt"));
        // Nothing chosen: the keys stay absent, as in a package without post-processing.
        ModelPackage.Rewrite(source, new ModelPostprocessing(0.3, 0, false).StoreIn(description), copy);
        Assert.DoesNotContain("min_lesion_mm3", Entry(copy, "model.json"));
        Assert.DoesNotContain("test_time_flips", Entry(copy, "model.json"));
    }

    static string Entry(string package, string name)
    {
        using var archive = ZipFile.OpenRead(package);
        using var reader = new StreamReader(archive.GetEntry(name)!.Open());
        return reader.ReadToEnd();
    }

    static byte[] Bytes(string package, string name)
    {
        using var archive = ZipFile.OpenRead(package);
        using var stream = archive.GetEntry(name)!.Open();
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return memory.ToArray();
    }
}
