using System.Buffers.Binary;
using System.Text.Json;
using InstanceSaliency.Models.Training;
using InstanceSaliency.TestSupport;

namespace InstanceSaliency.Models.Tests.Training;

public sealed class RandomAffineTests
{
    static float[] Noise(int count, int seed)
    {
        var rng = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(_ => (float)rng.Normal())];
    }

    static byte[] Blob(int count, int seed)
    {
        var rng = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(_ => rng.NextDouble() < 0.3 ? (byte)1 : (byte)0)];
    }

    [Fact]
    public void Identity_returns_the_input_exactly()
    {
        var image = Noise(9 * 8 * 7, 1);
        var label = Blob(9 * 8 * 7, 2);
        var (images, warped) = RandomAffine.Identity.Apply([image, image], label, 9, 8, 7, (1.0, 1.3, 0.8));
        Assert.Equal(image, images[0]);
        Assert.Equal(image, images[1]);
        Assert.Equal(label, warped);
    }

    [Fact]
    public void A_quarter_turn_about_k_moves_each_voxel_as_computed_by_hand()
    {
        // 90° about the k axis: output (i, j, k) reads the input at (c − (j − c), c + (i − c), k), c = (n − 1)/2.
        const int n = 6, nk = 3;
        var image = Noise(n * n * nk, 3);
        var label = Blob(n * n * nk, 4);
        var (images, warped) = new RandomAffine(0, 0, 90).Apply([image], label, n, n, nk, (1.0, 1.0, 2.0));
        double c = (n - 1) / 2.0;
        for (int k = 0; k < nk; k++)
            for (int j = 0; j < n; j++)
                for (int i = 0; i < n; i++)
                {
                    int si = (int)(c - (j - c)), sj = (int)(c + (i - c));
                    Assert.Equal(image[si + n * (sj + n * k)], images[0][i + n * (j + n * k)], 5);
                    Assert.Equal(label[si + n * (sj + n * k)], warped[i + n * (j + n * k)]);
                }
    }

    public static TheoryData<string> ScipyCases() => new("rotate-k-30", "all-parameters-anisotropic");

    [Theory]
    [MemberData(nameof(ScipyCases))]
    public void Matches_scipy_affine_transform(string name)
    {
        // tools/reference/training_reference.py: scipy.ndimage.affine_transform(order 1, mode "nearest") of the
        // same formula image and ellipsoid label, the label thresholded at 0.5.
        using var stream = File.OpenRead(Path.Combine(RepositoryPaths.Fixtures, "training", "affine.json"));
        var c = JsonDocument.Parse(stream).RootElement.GetProperty("cases").EnumerateArray().Single(x => x.GetProperty("name").GetString() == name);
        int[] shape = [.. c.GetProperty("shape").EnumerateArray().Select(v => v.GetInt32())];
        double[] sizes = [.. c.GetProperty("sizes").EnumerateArray().Select(v => v.GetDouble())];
        double P(string key) => c.GetProperty(key).GetDouble();
        var affine = new RandomAffine(P("rot_i"), P("rot_j"), P("rot_k"), P("scale_i"), P("scale_j"), P("scale_k"), P("shear_ij"), P("shear_ik"), P("shear_jk"));
        var (ni, nj, nk) = (shape[0], shape[1], shape[2]);
        var image = new float[ni * nj * nk];
        var label = new byte[image.Length];
        for (int k = 0, n = 0; k < nk; k++)
            for (int j = 0; j < nj; j++)
                for (int i = 0; i < ni; i++, n++)
                {
                    image[n] = (float)(Math.Sin(0.7 * i) + Math.Cos(0.45 * j) * (k + 1) / nk + 0.02 * i * j - 0.01 * k * k);
                    label[n] = Math.Pow((i - 4) / 3.5, 2) + Math.Pow((j - 6) / 2.5, 2) + Math.Pow((k - 5) / 3.0, 2) <= 1 ? (byte)1 : (byte)0;
                }

        var (images, warped) = affine.Apply([image], label, ni, nj, nk, (sizes[0], sizes[1], sizes[2]));

        var expectedBytes = Convert.FromBase64String(c.GetProperty("image").GetString()!);
        for (int n = 0; n < image.Length; n++)
            Assert.Equal(BinaryPrimitives.ReadDoubleLittleEndian(expectedBytes.AsSpan(8 * n)), images[0][n], 1e-5);
        Assert.Equal(Convert.FromBase64String(c.GetProperty("label").GetString()!), warped);
        Assert.NotEqual(label, warped);
    }

    [Fact]
    public void Random_transforms_keep_the_label_binary_and_within_the_options_ranges()
    {
        var options = new AugmentationOptions();
        var rng = new Random(5);
        var label = Blob(10 * 10 * 10, 6);
        for (int draw = 0; draw < 5; draw++)
        {
            var affine = RandomAffine.Draw(rng, options);
            Assert.All(new[] { affine.RotationIDegrees, affine.RotationJDegrees, affine.RotationKDegrees }, a => Assert.InRange(a, -options.AffineRotationMaxDegrees,
                options.AffineRotationMaxDegrees));
            Assert.All(new[] { affine.ScaleI, affine.ScaleJ, affine.ScaleK }, s => Assert.InRange(s, 1 - options.AffineScaleMax, 1 + options.AffineScaleMax));
            Assert.All(new[] { affine.ShearIJ, affine.ShearIK, affine.ShearJK }, h => Assert.InRange(h, -options.AffineShearMax, options.AffineShearMax));
            var (_, warped) = affine.Apply([Noise(label.Length, draw)], label, 10, 10, 10, (1.0, 1.0, 1.0));
            Assert.All(warped, v => Assert.True(v is 0 or 1));
            Assert.Contains((byte)1, warped);
        }
    }
}
