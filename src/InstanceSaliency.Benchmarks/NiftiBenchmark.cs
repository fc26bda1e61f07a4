using System.IO.Compression;
using InstanceSaliency.Imaging.Nifti;

namespace InstanceSaliency.Benchmarks;

/// <summary>
/// `ies bench nifti`: reading and writing a whole-brain float32 .nii.gz with the optimised paths (bulk span reads,
/// fastest deflate) beside naive ones (a BinaryReader per voxel; optimal deflate), in one process, with ratios.
/// Targets (issue 2): read ≤ 0.3 s, write ≤ 0.6 s for 182×218×182 float32.
/// </summary>
public static class NiftiBenchmark
{
    public const double ReadTargetSeconds = 0.3;
    public const double WriteTargetSeconds = 0.6;

    /// <summary>Runs the benchmark on <paramref name="niftiGz"/> and prints a table to <paramref name="output"/>.</summary>
    public static void Run(string niftiGz, int repeats, TextWriter output)
    {
        var image = NiftiFile.Read(niftiGz);
        var volume = image.ToFloatVolume();
        string folder = Path.Combine(Path.GetTempPath(), $"ies-bench-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            string written = Path.Combine(folder, "written.nii.gz");
            output.WriteLine($"NIfTI benchmark on {niftiGz}: {string.Join("×", image.Header.Dims)} {NiftiDatatypes.Name(image.Header.Datatype)}, median of {repeats} runs");
            double read = BenchmarkTimer.MedianSeconds(repeats, () => NiftiFile.Read(niftiGz));
            double naiveRead = BenchmarkTimer.MedianSeconds(repeats, () => NaiveRead(niftiGz, image.Header));
            double write = BenchmarkTimer.MedianSeconds(repeats, () => NiftiFile.Write(volume, written, image.Header));
            long fastSize = new FileInfo(written).Length;
            string naivePath = Path.Combine(folder, "naive.nii.gz");
            double naiveWrite = BenchmarkTimer.MedianSeconds(repeats, () => NaiveWrite(image, naivePath));
            long naiveSize = new FileInfo(naivePath).Length;
            output.WriteLine($"  read   optimised {read,7:F3} s   naive (BinaryReader per voxel) {naiveRead,7:F3} s   ratio {naiveRead / read,5:F1}×   target ≤ {ReadTargetSeconds} s: " +
                $"{(read <= ReadTargetSeconds ? "met" : "MISSED")}");
            output.WriteLine($"  write  optimised {write,7:F3} s   naive (optimal deflate)        {naiveWrite,7:F3} s   ratio {naiveWrite / write,5:F1}×   target ≤ {WriteTargetSeconds} s: " +
                $"{(write <= WriteTargetSeconds ? "met" : "MISSED")}");
            output.WriteLine($"  sizes  fastest deflate {fastSize / 1e6:F1} MB, optimal deflate {naiveSize / 1e6:F1} MB; peak working set {BenchmarkTimer.PeakWorkingSetMiB():F0} MiB");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    static float[] NaiveRead(string path, NiftiHeader header)
    {
        using var gzip = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var reader = new BinaryReader(gzip);
        reader.ReadBytes((int)header.VoxOffset);
        var voxels = new float[header.VoxelCount];
        for (long n = 0; n < voxels.LongLength; n++) voxels[n] = reader.ReadSingle();
        return voxels;
    }

    static void NaiveWrite(NiftiImage image, string path)
    {
        using var gzip = new GZipStream(File.Create(path), CompressionLevel.Optimal);
        gzip.Write(NiftiHeaderCodec.Encode(image.Header));
        using var writer = new BinaryWriter(gzip);
        foreach (float v in (float[])image.Voxels) writer.Write(v);
    }
}
